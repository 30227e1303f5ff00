#!/usr/bin/env bash
# Reads the installed R and reticulate versions and writes the matching pip constraints to $1.
# Measured limits: reticulate < 1.38 refuses NumPy 2; reticulate < 1.45 does not know pandas 3;
# rpy2-rinterface >= 3.6.6 needs R >= 4.5 (3.6.5 works on R 4.2). pyarrow 26 refuses NumPy 1 at import
# (22.0.0 imports with NumPy 1.26), so it is held below 23 with NumPy 1.
set -euo pipefail
out=$1
read -r r_version reticulate_version < <(Rscript --vanilla -e \
  'cat(as.character(getRversion()), as.character(utils::packageVersion("reticulate")), "\n")')
older() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$1" ] && [ "$1" != "$2" ]; }
{
  echo "# chosen by tools/choose-constraints.sh for R $r_version, reticulate $reticulate_version"
  if older "$reticulate_version" 1.38; then echo "numpy<2"; echo "pyarrow<23"; fi
  if older "$reticulate_version" 1.45; then echo "pandas<3"; fi
  if older "$r_version" 4.5; then echo "rpy2-rinterface==3.6.5"; fi
} > "$out"
echo "setup: R $r_version, reticulate $reticulate_version -> constraints:" $(grep -v '^#' "$out" | tr '\n' ' ')
