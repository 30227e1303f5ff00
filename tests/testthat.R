library(testthat)
library(pybridge)
test_check("pybridge")
