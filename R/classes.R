# keras3's Layer(), Callback(), Loss(), Metric(), Model(), LearningRateSchedule(), Constraint() and
# their new_*_class() names: Keras classes with methods written in R. The class is made in Python
# (pybridge.vocab.classes); each R method runs in R when Keras calls it, seeing `self` and `super`
# (bridge-functions.R).

.pb_new_class <- function(base, classname, members, inherit = NULL) {
  members <- members[!vapply(members, is.null, TRUE)]
  if (length(members) && (is.null(names(members)) || !all(nzchar(names(members))))) {
    .pb_abort("every member of a class must be named (initialize = function(...) ..., units = 32)", sys.call(-1))
  }
  .pb_call("new_class", base = if (is.null(inherit)) base else inherit, classname = classname,
           members = members, .call = sys.call(-1))
}

#' Keras classes written in R
#'
#' As in keras3, `Layer()`, `Callback()`, `Loss()`, `Metric()`, `Model()`, `LearningRateSchedule()`
#' and `Constraint()` (also named `new_layer_class()`, `new_callback_class()`, ...) make a Keras class
#' whose methods are R functions. Inside a method, `self` is the instance (`self$units <- units`,
#' `self$add_weight(...)`, `self$model` in a callback) and `super` its parent class
#' (`super$initialize(...)`). `initialize` is Python's `__init__`; the other names are Keras's
#' (`build`, `call`, `get_config`, `on_epoch_end`, `update_state`, ...). A method's arguments are
#' what Keras gives: tensors inside `call()` (use the `op_*()` functions and operators on them), a
#' named list `logs` and 0-based epoch and batch numbers in a callback, as in keras3. Keras passes
#' `mask` and `training` to `call()` only when it declares them.
#'
#' Methods run in this R session, on its main thread. Keras traces `call()` and a loss's `call()`
#' into its graph once, so the R code runs while tracing, not at every step; callback hooks run at
#' every epoch or batch. An error in a method reaches the verb's caller with its class and message.
#'
#' Classes made here live in this session only: a model file does not hold R code, so a model with
#' such a layer is saved and loaded in the same session with [set_custom_objects()] or remade from R.
#'
#' @param classname The class name.
#' @param initialize,call,build,get_config,update_state,result,train_step,test_step,predict_step Methods (R
#'   functions), or `NULL` to keep the parent's.
#' @param on_epoch_begin,on_epoch_end,on_train_begin,on_train_end,on_train_batch_begin,on_train_batch_end Callback
#'   hooks (R functions), or `NULL`.
#' @param on_test_begin,on_test_end,on_test_batch_begin,on_test_batch_end More hooks.
#' @param on_predict_begin,on_predict_end,on_predict_batch_begin,on_predict_batch_end More hooks.
#' @param ... Other methods or class attributes, named.
#' @param public More members, as a named list (keras3's form).
#' @param private,active Members kept as `public` ones are (keras3 keeps them in R).
#' @param parent_env Unused: methods see their own environment, and `self` and `super`.
#' @param inherit The parent class, when not Keras's own base (a class made by one of these functions).
#' @return `Layer()`: a function making a layer, which composes as `layer_*()` functions do: given a
#'   model or tensor as its first argument it adds or applies the layer (`custom_dense(inputs, 10)`).
#'   The others: the class, called to make an instance (`MyCallback()`).
#' @name classes
#' @examples
#' if (pybridge_available()) {
#'   layer_scale <- Layer("Scale",
#'     initialize = function(factor = 2, ...) {
#'       super$initialize(...)
#'       self$factor <- factor
#'     },
#'     call = function(inputs) inputs * self$factor)
#'   input <- keras_input(shape = 3)
#'   model <- keras_model(input, layer_scale(input, factor = 10))
#'   model(matrix(1, 1, 3))
#'
#'   seen <- integer()
#'   Recorder <- Callback("Recorder", on_epoch_end = function(epoch, logs = NULL) seen <<- c(seen, epoch))
#'   model |> compile(loss = "mse")
#'   model |> fit(matrix(runif(12), 4), matrix(runif(12), 4), epochs = 2, verbose = 0, callbacks = list(Recorder()))
#'   seen
#' }
NULL

# nolint start: object_name_linter. keras3's class-making functions have CamelCase names.

#' @rdname classes
#' @export
Layer <- function(classname, initialize = NULL, call = NULL, build = NULL, get_config = NULL, ...,
                  public = list(), private = list(), active = list(), parent_env = parent.frame(),
                  inherit = NULL) {
  list_dots <- .pb_list_dots()
  members <- c(list(initialize = initialize, call = call, build = build, get_config = get_config), list_dots,
               public, private, active)
  .pb_layer_composer(.pb_new_class("Layer", classname, members, inherit))
}

#' @rdname classes
#' @export
new_layer_class <- Layer

# keras3's custom layer function: with a model or a tensor first it adds or applies the new layer.
.pb_layer_composer <- function(class) {
  force(class)
  composer <- function(object, ...) {
    layer <- class(...)
    if (missing(object)) return(layer)
    result <- .pb_call("compose_layer", new_layer = layer, object = object, .call = sys.call())
    if (inherits(object, "pybridge_model")) invisible(object) else result
  }
  # .pb_encode() sends the class itself, wherever the composer is given (inherit =, set_custom_objects()).
  structure(composer, class = c("pybridge_layer_class", "function"), keras_class = class)
}

#' @rdname classes
#' @export
Callback <- function(classname, on_epoch_begin = NULL, on_epoch_end = NULL, on_train_begin = NULL,
                     on_train_end = NULL, on_train_batch_begin = NULL, on_train_batch_end = NULL,
                     on_test_begin = NULL, on_test_end = NULL, on_test_batch_begin = NULL,
                     on_test_batch_end = NULL, on_predict_begin = NULL, on_predict_end = NULL,
                     on_predict_batch_begin = NULL, on_predict_batch_end = NULL, ..., public = list(),
                     private = list(), active = list(), parent_env = parent.frame(), inherit = NULL) {
  list_dots <- .pb_list_dots()
  members <- c(list(on_epoch_begin = on_epoch_begin, on_epoch_end = on_epoch_end, on_train_begin = on_train_begin,
                    on_train_end = on_train_end, on_train_batch_begin = on_train_batch_begin,
                    on_train_batch_end = on_train_batch_end, on_test_begin = on_test_begin,
                    on_test_end = on_test_end, on_test_batch_begin = on_test_batch_begin,
                    on_test_batch_end = on_test_batch_end, on_predict_begin = on_predict_begin,
                    on_predict_end = on_predict_end, on_predict_batch_begin = on_predict_batch_begin,
                    on_predict_batch_end = on_predict_batch_end), list_dots, public, private, active)
  .pb_new_class("Callback", classname, members, inherit)
}

#' @rdname classes
#' @export
new_callback_class <- Callback

#' @rdname classes
#' @export
Loss <- function(classname, call = NULL, ..., public = list(), private = list(), active = list(),
                 parent_env = parent.frame(), inherit = NULL) {
  list_dots <- .pb_list_dots()
  .pb_new_class("Loss", classname, c(list(call = call), list_dots, public, private, active), inherit)
}

#' @rdname classes
#' @export
new_loss_class <- Loss

#' @rdname classes
#' @export
Metric <- function(classname, initialize = NULL, update_state = NULL, result = NULL, ..., public = list(),
                   private = list(), active = list(), parent_env = parent.frame(), inherit = NULL) {
  list_dots <- .pb_list_dots()
  members <- c(list(initialize = initialize, update_state = update_state, result = result), list_dots,
               public, private, active)
  .pb_new_class("Metric", classname, members, inherit)
}

#' @rdname classes
#' @export
new_metric_class <- Metric

#' @rdname classes
#' @export
Model <- function(classname, initialize = NULL, call = NULL, train_step = NULL, predict_step = NULL,
                  test_step = NULL, ..., public = list(), private = list(), active = list(),
                  parent_env = parent.frame(), inherit = NULL) {
  list_dots <- .pb_list_dots()
  members <- c(list(initialize = initialize, call = call, train_step = train_step, predict_step = predict_step,
                    test_step = test_step), list_dots, public, private, active)
  .pb_new_class("Model", classname, members, inherit)
}

#' @rdname classes
#' @export
new_model_class <- Model

#' @rdname classes
#' @export
LearningRateSchedule <- function(classname, call = NULL, initialize = NULL, get_config = NULL, ...,
                                 public = list(), private = list(), active = list(), parent_env = parent.frame(),
                                 inherit = NULL) {
  list_dots <- .pb_list_dots()
  members <- c(list(call = call, initialize = initialize, get_config = get_config), list_dots, public, private,
               active)
  .pb_new_class("LearningRateSchedule", classname, members, inherit)
}

#' @rdname classes
#' @export
new_learning_rate_schedule_class <- LearningRateSchedule

#' @rdname classes
#' @export
Constraint <- function(classname, call = NULL, get_config = NULL, ..., public = list(), private = list(),
                       active = list(), parent_env = parent.frame(), inherit = NULL) {
  list_dots <- .pb_list_dots()
  members <- c(list(call = call, get_config = get_config), list_dots, public, private, active)
  .pb_new_class("Constraint", classname, members, inherit)
}

# nolint end

#' Classes Keras finds by name in model files
#'
#' keras3's `register_keras_serializable()` and `set_custom_objects()`: when [load_model()] reads a
#' file whose network uses a class written in R ([Layer()], ...), Keras finds it by its registered
#' name (`package>name`) or in the custom objects table. A model file holds a layer's configuration
#' (its `get_config()`), never its R code, so the class must exist in the session that loads it.
#'
#' @param object A class from [Layer()], [Loss()], ... (for `Layer()`, the function it returns).
#' @param package,name The name Keras records: `package>name` (`name` defaults to the class name).
#' @param objects A named list of classes or functions.
#' @param clear Whether to empty the table first.
#' @return `register_keras_serializable()`: `object`, registered. `set_custom_objects()`: the table as
#'   it was, invisibly.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   layer_double <- Layer("Double", call = function(x) x * 2)
#'   layer_double <- register_keras_serializable(layer_double, package = "Examples")
#'   input <- keras_input(shape = 2)
#'   model <- keras_model(input, layer_double(input))
#'   path <- tempfile(fileext = ".keras")
#'   save_model(model, path)
#'   load_model(path)(matrix(1, 1, 2))
#' }
register_keras_serializable <- function(object, package = "Custom", name = NULL) {
  class <- .pb_call("register_keras_serializable", object = object, package = package, name = name,
                    .call = sys.call())
  if (inherits(object, "pybridge_layer_class")) .pb_layer_composer(class) else class
}

#' @rdname register_keras_serializable
#' @export
set_custom_objects <- function(objects = list(), clear = FALSE) {
  invisible(.pb_call("set_custom_objects", objects = objects, clear = clear, .call = sys.call()))
}
