# Data frames from R: each column type with and without missing values arrives in Python with the
# right values and missing positions; the preprocessing agrees with R's own arithmetic; formulas,
# x/y and tidy predictions.

column_of <- function(type, n) {
  switch(type,
    double = seq(-1.5, by = 0.75, length.out = n),
    integer = seq_len(n) * 3L,
    logical = rep(c(TRUE, FALSE, FALSE), length.out = n),
    factor = factor(rep(c("lo", "hi", "mid"), length.out = n), levels = c("lo", "mid", "hi")),
    character = rep(c("b", "a", "c"), length.out = n),
    Date = as.Date("1969-12-25") + seq_len(n) * 40L,
    POSIXct = as.POSIXct("1970-01-01 06:00", tz = "UTC") + seq_len(n) * 3600 * 30
  )
}

# What pybridge should read: numbers (dates as days since 1970) or strings.
expected_values <- function(x) {
  if (inherits(x, "POSIXct")) return(as.numeric(x) / 86400)
  if (is.factor(x) || is.character(x)) return(as.character(x))
  as.numeric(x)
}

expected_dtype <- function(type, has_na) {
  switch(type, double = "float64", integer = if (has_na) "Int32" else "int32",
         logical = if (has_na) "boolean" else "bool", factor = "category", character = "object",
         Date = , POSIXct = "datetime64[ns]")
}

test_that("every column type x NA pattern arrives with the right values and missing positions", {
  require_python()
  n <- 6L
  types <- c("double", "integer", "logical", "factor", "character", "Date", "POSIXct")
  patterns <- list(none = integer(), some = c(2L, 5L), all = seq_len(n))
  frame <- list()
  for (type in types) for (pattern in names(patterns)) {
    x <- column_of(type, n)
    x[patterns[[pattern]]] <- NA
    frame[[paste(type, pattern, sep = "_")]] <- x
  }
  frame <- as.data.frame(frame, stringsAsFactors = FALSE)
  got <- describe_frame(frame)
  expect_equal(got$nrow, n)
  expect_named(got$columns, names(frame))
  for (name in names(frame)) {
    x <- frame[[name]]
    type <- sub("_.*", "", name)
    column <- got$columns[[name]]
    info <- paste("column", name)
    expect_identical(as.integer(column$na) + 1L, which(is.na(x)), label = info)
    expect_identical(column$dtype, expected_dtype(type, anyNA(x)), label = info)
    # Strings come back as a character vector, or a list with NULL where one is missing.
    values <- if (is.list(column$values) || is.character(column$values)) as_chr(column$values)
              else as.numeric(column$values)
    expect_identical(is.na(values), is.na(x), label = info)
    expected <- expected_values(x)
    if (is.character(expected)) expect_identical(values, expected, label = info)
    else expect_equal(values, expected, tolerance = 1e-12, label = info)
  }
})

test_that("the preprocessing agrees with R's scale(), one-hot and dates to 1e-5", {
  require_python()
  frame <- data.frame(num = c(2.5, -1, 7, 3, 0.25), int = c(10L, 20L, 20L, 40L, 5L),
                      fac = factor(c("b", "a", "b", "c", "a"), levels = c("c", "b", "a")),
                      chr = c("y", "x", "y", "y", "x"), lgl = c(TRUE, FALSE, FALSE, TRUE, TRUE),
                      day = as.Date(c("2001-01-01", "2001-03-01", "1999-12-31", "2010-06-15", "2001-01-02")),
                      const = 4, stringsAsFactors = FALSE)
  got <- describe_frame(frame, standardize = TRUE)
  one_hot <- function(x, levels) outer(as.character(x), levels, "==") * 1
  expected <- cbind(scale(frame$num), scale(frame$int), one_hot(frame$fac, c("c", "b", "a")),
                    one_hot(frame$chr, c("x", "y")), one_hot(frame$lgl, c("FALSE", "TRUE")),
                    scale(as.numeric(frame$day)), 0)  # a constant column is centred, not NaN
  expect_equal(unname(got$encoded), unname(expected), tolerance = 1e-5)
  raw <- describe_frame(frame, standardize = FALSE)
  expect_equal(raw$encoded[, 1], frame$num, tolerance = 1e-6)
  expect_equal(raw$encoded[, 10], as.numeric(frame$day), tolerance = 1e-6)
})

test_that("randomised data frames: learnt statistics, shapes and encodings match R", {
  require_python()
  set.seed(42)
  for (trial in 1:15) {
    n <- sample(2:30, 1)
    frame <- data.frame(a = rnorm(n, sample(-100:100, 1), runif(1, 0.1, 50)),
                        b = sample(-5:5, n, replace = TRUE),
                        f = factor(sample(letters[1:4], n, replace = TRUE), levels = letters[1:4]),
                        l = sample(c(TRUE, FALSE), n, replace = TRUE),
                        d = as.Date("2000-01-01") + sample(0:5000, n))
    frame <- frame[, sample(ncol(frame), sample(seq_len(ncol(frame)), 1)), drop = FALSE]
    got <- describe_frame(frame, standardize = TRUE)
    widths <- vapply(frame, function(x) if (is.factor(x)) nlevels(x) else if (is.logical(x)) 2L else 1L, 1L)
    expect_identical(dim(got$encoded), c(n, sum(widths)))
    j <- 1L
    for (i in seq_along(frame)) {
      x <- frame[[i]]
      spec <- got$preprocessing$columns[[i]]
      expect_identical(spec$name, names(frame)[i])
      if (is.factor(x) || is.logical(x)) {
        block <- got$encoded[, j:(j + widths[i] - 1L), drop = FALSE]
        expect_true(all(rowSums(block) == 1))
        codes <- if (is.factor(x)) as.integer(x) else as.integer(x) + 1L
        expect_identical(max.col(block), codes)
      } else {
        v <- as.numeric(x)
        expect_equal(spec$mean, mean(v), tolerance = 1e-10)
        if (sd(v) > 0) {
          expect_equal(spec$sd, sd(v), tolerance = 1e-10)
          expect_equal(got$encoded[, j], (v - mean(v)) / sd(v), tolerance = 1e-5)
        } else {
          expect_true(all(got$encoded[, j] == 0))
        }
      }
      j <- j + widths[i]
    }
  }
})

test_that("formulas y ~ ., y ~ a + b and cbind(y1, y2) ~ . choose the right columns", {
  require_python()
  set.seed(1)
  frame <- data.frame(a = rnorm(40), b = rnorm(40), noise = rnorm(40))
  frame$y1 <- 2 * frame$a + rnorm(40, sd = 0.1)
  frame$y2 <- frame$b - frame$a
  model <- dense_model(1)
  model |> fit(y1 ~ a + b, data = frame, epochs = 1, verbose = 0)
  expect_match(summary_text(model), "a: numeric.*\n.*b: numeric")
  expect_false(grepl("noise", summary_text(model)))
  pred <- predict(model, frame)
  expect_s3_class(pred, "tbl_df")
  expect_named(pred, ".pred")
  expect_identical(nrow(pred), 40L)
  expect_equal(predict(model, frame, type = "numeric"), pred)
  expect_error(predict(model, frame, type = "class"), "needs a classification model",
               class = "pybridge_input_error")

  both <- dense_model(2)
  both |> fit(cbind(y1, y2) ~ ., data = frame, epochs = 1, verbose = 0, scale_outcome = TRUE)
  text <- summary_text(both)
  expect_match(text, "noise: numeric")
  expect_false(grepl("y1: numeric", text))
  pred <- predict(both, frame)
  expect_named(pred, c(".pred_y1", ".pred_y2"))
  # Predictions come back in the outcome's units: the network's last layer maps its standard units
  # back with each outcome's sd and mean, so its raw outputs are the predictions.
  raw <- predict(both, frame, type = "raw")
  expect_equal(pred$.pred_y2, raw$.pred_2, tolerance = 1e-6)
  expect_match(text, sprintf("mean %.4g, sd %.4g", mean(frame$y2), sd(frame$y2)), fixed = TRUE)

  xy <- dense_model(2)
  xy |> fit(frame[c("a", "b")], as.matrix(frame[c("y1", "y2")]), epochs = 1, verbose = 0)
  expect_named(predict(xy, frame), c(".pred_y1", ".pred_y2"))
  expect_named(evaluate(xy, frame[c("a", "b")], as.matrix(frame[c("y1", "y2")])), "loss")
})

test_that("classification predictions are a tibble with .pred_class and .pred_<level>", {
  require_python()
  model <- fitted_iris(input_shape = NULL)
  pred <- predict(model, iris)
  expect_s3_class(pred, "tbl_df")
  expect_named(pred, c(".pred_class", ".pred_setosa", ".pred_versicolor", ".pred_virginica"))
  expect_identical(levels(pred$.pred_class), levels(iris$Species))
  expect_equal(predict(model, tibble::as_tibble(iris)), pred)  # a tibble is a data frame too
  expect_equal(rowSums(as.matrix(pred[-1])), rep(1, 150), tolerance = 1e-5)
  expect_named(predict(model, iris, type = "class"), ".pred_class")
  expect_named(predict(model, iris, type = "prob"), c(".pred_setosa", ".pred_versicolor", ".pred_virginica"))
  expect_identical(dim(predict(model, iris, type = "raw")), c(150L, 3L))
  metrics <- evaluate(model, iris)
  expect_named(metrics, c("accuracy", "loss"), ignore.order = TRUE)
  expect_true(metrics[["accuracy"]] >= 0 && metrics[["accuracy"]] <= 1)
  # One row per input row; rows with a missing predictor get missing predictions.
  holes <- iris
  holes$Petal.Length[c(2, 9)] <- NA
  with_na <- predict(model, holes)
  expect_identical(nrow(with_na), 150L)
  expect_identical(which(is.na(with_na$.pred_class)), c(2L, 9L))
  expect_identical(which(is.na(with_na$.pred_setosa)), c(2L, 9L))
  expect_equal(with_na[-c(2, 9), ], pred[-c(2, 9), ], tolerance = 1e-6)
})

test_that("x/y with a factor y, a binary outcome both ways, and na_action = 'omit'", {
  require_python()
  binary <- transform(iris, big = factor(ifelse(Sepal.Length > 5.8, "yes", "no")))[c(2:4, 6)]
  for (last in list(list(1, "sigmoid", "binary_crossentropy"), list(2, "softmax", "sparse_categorical_crossentropy"))) {
    model <- dense_model(last[[1]], activation = last[[2]], loss = last[[3]])
    model |> fit(binary[1:3], binary$big, epochs = 1, verbose = 0)
    pred <- predict(model, binary)
    expect_named(pred, c(".pred_class", ".pred_no", ".pred_yes"))
    expect_equal(pred$.pred_no + pred$.pred_yes, rep(1, 150), tolerance = 1e-5)
  }
  holes <- iris
  holes$Sepal.Width[3] <- NA
  holes$Species[7] <- NA
  model <- iris_classifier(input_shape = NULL)
  expect_message(history <- model |> fit(Species ~ ., data = holes, epochs = 1, verbose = 0, na_action = "omit"),
                 "dropped 2 row")
  expect_identical(history$params$samples, 148L)
  expect_identical(history$params$rows_omitted, 2L)
})

test_that("plain numeric columns cross as NumPy views of R's memory, other types as R vectors", {
  require_python()
  n <- pybridge:::.pb_view_min_rows
  frame <- data.frame(x = c(0.5, NA, rep(2, n - 2)), n = seq_len(n), d = as.Date("2020-01-01") + seq_len(n))
  encoded <- pybridge:::.pb_encode_frame(frame)
  for (i in 1:2) {
    values <- encoded$columns[[i]]$values
    expect_s3_class(values, "numpy.ndarray")
    expect_false(reticulate::py_to_r(values$flags$owndata))  # no copy was made
  }
  expect_false(inherits(encoded$columns[[3]]$values, "python.builtin.object"))
  # A double's NA needs no mask: it reaches NumPy as NaN. The integer column's would have one.
  expect_null(encoded$columns[[1]]$na)
  is_nan <- reticulate::py_eval("lambda a, i: bool(__import__('numpy').isnan(a[i]))")
  expect_true(is_nan(encoded$columns[[1]]$values, 1L))
  expect_false(is_nan(encoded$columns[[1]]$values, 0L))
  # Small frames are copied, cheaper than views: the doubles as one matrix, the rest as R vectors.
  small <- pybridge:::.pb_encode_frame(frame[1:3, ])
  expect_identical(small$matrix, matrix(c(0.5, NA, 2), ncol = 1))
  expect_null(small$columns[[1]])
  expect_identical(small$columns[[2]]$values, array(1:3))
})

# bit64's integer64 without bit64: the int64 bits (low and high 32-bit halves) in a double vector.
integer64_of <- function(low, high = ifelse(low < 0L, -1L, 0L)) {
  bytes <- unlist(Map(function(l, h) c(writeBin(l, raw(), size = 4, endian = "little"),
                                        writeBin(h, raw(), size = 4, endian = "little")), low, high))
  structure(readBin(bytes, "double", n = length(low), size = 8, endian = "little"), class = "integer64")
}
frame_of <- function(...) {
  columns <- list(...)
  structure(columns, class = "data.frame", row.names = .set_row_names(length(columns[[1]])))
}

test_that("integer64 predictors and outcomes are their exact numbers; beyond 2^53 they are refused by name", {
  require_python()
  x <- c(-3L, 1L, 4L, 10L, 7L, 2L)
  y <- x * 2L + 1L
  as_int64 <- frame_of(x = integer64_of(x), y = integer64_of(y))
  as_double <- frame_of(x = as.double(x), y = as.double(y))
  # They read as denormal doubles before (mean 8e-320): a constant outcome, nothing learnt.
  expect_equal(describe_frame(as_int64)$columns$x$values, as.double(x))
  expect_equal(describe_frame(as_int64, standardize = TRUE)$encoded,
               describe_frame(as_double, standardize = TRUE)$encoded)
  predictions <- lapply(list(as_int64, as_double), function(frame) {
    model <- dense_model(1)
    fit(model, y ~ x, data = frame, epochs = 2, verbose = 0, seed = 5)
    predict(model, frame)$.pred
  })
  expect_equal(predictions[[1]], predictions[[2]])
  # 2^53 is exact (high half 2^21), 2^53 + 1 is not.
  big <- frame_of(x = integer64_of(c(1L, 0L, 2L), c(0L, 2097152L, 0L)), y = c(1, 2, 3))
  model <- dense_model(1)
  expect_no_error(fit(model, y ~ x, data = big, epochs = 1, verbose = 0))
  too_big <- frame_of(x = integer64_of(c(1L, 1L, 2L), c(0L, 2097152L, 0L)), y = c(1, 2, 3))
  expect_error(fit(dense_model(1), y ~ x, data = too_big, epochs = 1, verbose = 0),
               "column `x` is integer64 with values beyond 2\\^53", class = "pybridge_input_error")
  huge_y <- integer64_of(1:6, c(0L, 0L, 0L, 0L, 0L, 4194304L))
  expect_error(fit(dense_model(1), as_double["x"], huge_y, epochs = 1, verbose = 0),
               "`y` is integer64 with values beyond 2\\^53", class = "pybridge_input_error")
})
