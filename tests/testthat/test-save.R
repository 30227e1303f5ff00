test_that("save_model() and load_model() keep the network and the preprocessing", {
  require_python()
  model <- fitted_iris(seed = 5, epochs = 2)
  path <- withr::local_tempfile(fileext = ".keras")
  save_model(model, path)
  expect_true("pybridge.json" %in% utils::unzip(path, list = TRUE)$Name)
  loaded <- load_model(path)
  expect_equal(pred_matrix(predict(loaded, iris)), pred_matrix(predict(model, iris)), tolerance = 1e-6)
  expect_identical(predict(loaded, iris)$.pred_class, predict(model, iris)$.pred_class)
  expect_match(summary_text(loaded), "Sepal.Length: numeric, standardised")
  fit(loaded, Species ~ ., data = iris, epochs = 1, verbose = 0)  # compiled state came back
  expect_error(save_model(model, path), "overwrite", class = "pybridge_argument_error")
  expect_error(save_model(model, sub(".keras$", ".h5", path)), ".keras", class = "pybridge_argument_error")
  expect_error(load_model(file.path(tempdir(), "absent.keras")), class = "pybridge_input_error")
})

test_that("a model saved in R loads in Python with the same predictions", {
  require_python()
  model <- fitted_iris(seed = 5, epochs = 2)
  dir <- withr::local_tempdir()
  save_model(model, file.path(dir, "iris.keras"))
  utils::write.csv(iris, file.path(dir, "iris.csv"), row.names = FALSE)
  script <- paste(
    "import sys, pandas as pd, pybridge as pb",
    "d = sys.argv[1]",
    "data = pd.read_csv(d + '/iris.csv', dtype={'Species': 'category'})",
    "pb.predict(pb.load_model(d + '/iris.keras'), data).to_csv(d + '/python.csv', index=False, float_format='%.10g')",
    sep = "\n")
  python <- pybridge:::pybridge_python_path()
  status <- system2(python, c("-c", shQuote(script), shQuote(dir)), stdout = FALSE, stderr = FALSE)
  expect_equal(status, 0)
  from_python <- utils::read.csv(file.path(dir, "python.csv"), check.names = FALSE)
  expect_equal(as.matrix(from_python[, -1]), pred_matrix(predict(model, iris)), tolerance = 1e-6,
               ignore_attr = TRUE)
  expect_equal(from_python$.pred_class, as.character(predict(model, iris)$.pred_class))
})

test_that("saveRDS() and readRDS() in a fresh R process give a working model", {
  require_python()
  model <- fitted_iris(seed = 5, epochs = 2)
  path <- withr::local_tempfile(fileext = ".rds")
  saveRDS(model, path)
  child <- callr::r(function(path) {
    library(pybridge)
    model <- readRDS(path)
    predictions <- as.data.frame(predict(model, iris))
    history <- fit(model, Species ~ ., data = iris, epochs = 1, verbose = 0)
    list(predictions = predictions, summary = paste(summary(model), collapse = "\n"),
         epochs = history$params$epochs, first = history$frame$epoch[1])
  }, args = list(path = path), libpath = .libPaths())
  expect_equal(pred_matrix(child$predictions), pred_matrix(predict(model, iris)), tolerance = 1e-6)
  expect_match(child$summary, "Species: classification over 3 classes")
  expect_equal(child$epochs, 1)
  expect_equal(child$first, 3)  # the histories travelled too: training continues at epoch 3
})

test_that("a file holding a Lambda layer is refused unless safe_mode = FALSE", {
  require_python()
  path <- withr::local_tempfile(fileext = ".keras")
  reticulate::py_run_string(sprintf(paste(
    "import keras",
    "m = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda x: x * 2)])",
    "m.save(%s)", sep = "\n"), shQuote(path)))
  expect_error(load_model(path), "Lambda", class = "pybridge_input_error")
  trusted <- load_model(path, safe_mode = FALSE)
  expect_equal(predict(trusted, rbind(c(1, 2))), rbind(c(2, 4)))
})

test_that("readRDS() in the same session gives an independent working copy", {
  require_python()
  model <- fitted_iris(seed = 5, epochs = 2)
  path <- withr::local_tempfile(fileext = ".rds")
  saveRDS(model, path)
  before <- pred_matrix(predict(model, iris))
  copy <- readRDS(path)
  expect_equal(pred_matrix(predict(copy, iris)), before, tolerance = 1e-6)
  fit(copy, Species ~ ., data = iris, epochs = 3, verbose = 0)
  expect_equal(pred_matrix(predict(model, iris)), before)  # training the copy left the original alone
  expect_false(isTRUE(all.equal(pred_matrix(predict(copy, iris)), before, tolerance = 1e-6)))
})

test_that("a model crosses to Python as the number Python registered it under", {
  require_python()
  model <- fitted_iris(seed = 5, epochs = 2)
  encoded <- pybridge:::.pb_encode(model)
  expect_named(encoded, "__reference__")
  expect_identical(encoded[["__reference__"]], get("reference", envir = pybridge:::.pb_fields(model)))
  other <- fitted_iris(seed = 5, epochs = 2)
  expect_false(identical(pybridge:::.pb_encode(other), encoded))
})

test_that("an R process killed during save_model(overwrite = TRUE) leaves a whole, loadable file", {
  require_python()
  require_package("callr")
  path <- withr::local_tempfile(fileext = ".keras")
  save_model(fitted_iris(seed = 5), path)  # the previous file: 2 dense layers
  writer <- callr::r_bg(function(path) {
    library(pybridge)
    big <- keras_model_sequential(input_shape = 4) |> layer_dense(2500) |> layer_dense(2500) |> layer_dense(3)
    cat("ready\n")
    repeat save_model(big, path, overwrite = TRUE)  # 25 MB, again and again until killed
  }, args = list(path = path), libpath = .libPaths(), stdout = "|", stderr = "|")
  on.exit(writer$kill(), add = TRUE)
  ready <- character()
  while (!"ready" %in% ready && writer$is_alive()) {
    writer$poll_io(1000)
    ready <- c(ready, writer$read_output_lines())
  }
  expect_true(writer$is_alive(), info = writer$read_all_error())
  Sys.sleep(stats::runif(1, 0.5, 2))
  writer$kill()  # SIGKILL, in the middle of a save
  loaded <- load_model(path)
  expect_true(length(get_weights(loaded)) %in% c(4, 6))  # the old model or the new one, whole
})

test_that("a damaged pybridge.json is an R condition naming the field, at load", {
  require_python()
  path <- withr::local_tempfile(fileext = ".keras")
  save_model(fitted_iris(seed = 5), path)
  crafted <- withr::local_tempfile(fileext = ".keras")
  reticulate::py_run_string(sprintf(paste(
    "import json, zipfile",
    "with zipfile.ZipFile(%s) as old, zipfile.ZipFile(%s, 'w') as new:",
    "    for info in old.infolist():",
    "        data = old.read(info.filename)",
    "        if info.filename == 'pybridge.json':",
    "            meta = json.loads(data)",
    "            meta['preprocessor']['columns'][2]['sd'] = 0",
    "            data = json.dumps(meta)",
    "        new.writestr(info, data)", sep = "\n"), shQuote(path), shQuote(crafted)))
  expect_error(load_model(crafted), "field `preprocessor.columns\\[2\\].sd` must be finite and positive, got 0",
               class = "pybridge_input_error")
  bytes <- readBin(path, "raw", file.size(path))
  middle <- length(bytes) %/% 2  # inside the weights
  bytes[middle] <- xor(bytes[middle], as.raw(0x40))
  writeBin(bytes, crafted)
  expect_error(load_model(crafted), "is damaged: member `model.weights.h5` fails its checksum",
               class = "pybridge_input_error")
})

test_that("save_model_config() writes the architecture as JSON, load_model_config() makes a fresh model", {
  require_python()
  dir <- withr::local_tempdir()
  model <- fitted_iris()
  path <- file.path(dir, "iris.json")
  expect_invisible(save_model_config(model, path))
  expect_match(paste(readLines(path, warn = FALSE), collapse = ""), '"class_name": "Sequential"')
  again <- load_model_config(path)
  expect_identical(length(again$layers), length(model$layers))
  expect_false(identical(get_weights(again)[[1]], get_weights(model)[[1]]))  # fresh weights
  expect_error(predict(again, iris), "fit", class = "pybridge_state_error")  # no preprocessing
  expect_error(save_model_config(model, path), "exists", class = "pybridge_argument_error")
  expect_error(load_model_config(file.path(dir, "absent.json")), "no model configuration file",
               class = "pybridge_input_error")
})
