#!/usr/bin/env bash
# Installs the Debian packages pybridge needs (R and the R packages it imports), only where missing,
# so a second run costs a dpkg query and nothing else. CRAN is not used: R dependencies come from Debian.
set -euo pipefail
packages=(r-base-core r-base-dev r-cran-reticulate r-cran-testthat r-cran-hardhat r-cran-generics r-cran-magrittr
          r-cran-cli r-cran-ggplot2 r-cran-tibble r-cran-withr r-cran-mass r-cran-jsonlite r-cran-callr
          r-cran-roxygen2 r-cran-rcmdcheck r-cran-knitr r-cran-rmarkdown r-cran-lintr pandoc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian's own python3 needs python3-venv for `python3 -m venv`; other Pythons bring ensurepip.
if ! "${PYBRIDGE_BOOTSTRAP_PYTHON:-python3}" -c "import ensurepip, venv" 2>/dev/null; then
  missing+=(python3-venv)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing Debian packages: ${missing[*]}"
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
