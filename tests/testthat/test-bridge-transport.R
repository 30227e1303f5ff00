# reticulate's direct entry points, which the transport uses in place of its wrapper (bridge-transport.R).

test_that("the direct reticulate caller answers exactly as reticulate's own wrapper", {
  require_python()
  model <- fitted_iris()
  call <- pybridge:::.pb_python_module()$call
  direct <- pybridge:::.pb_direct_caller(call)
  # On the reticulate this was measured with, the direct path is taken (elsewhere it may fall back).
  if (packageVersion("reticulate") == "1.28") expect_false(identical(direct, call))
  history <- model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0)
  for (verb in list(list("summary", list(model = model)),
                    list("predict_columns", list(model = model, x = iris[c(1, 51, 101), ])),
                    list("history_frame", list(history = history)),
                    list("fit", list(model = model, epochs = "ten")))) {
    args <- lapply(verb[[2]], pybridge:::.pb_encode)
    expect_identical(direct(verb[[1]], args), call(verb[[1]], args))
  }
})
