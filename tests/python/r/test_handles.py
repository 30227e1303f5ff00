"""Python hosts R (rpy2): the callable handles and R code inside Keras of R/objects.R and R/classes.R
work as under reticulate, through the same bridge (issue 16)."""

from test_host import embedded_r_env, run_python

FUNCTIONAL_MODEL_RPY2 = r'''
import json, sys
from pybridge import rhost
rhost.start()
out = {}
out["functional"] = rhost.r("""
  input <- keras_input(shape = 4)
  dense <- layer_dense(units = 3, kernel_initializer = "ones")
  hidden <- dense(input)
  shared <- layer_dense(units = 1, kernel_initializer = "ones", bias_initializer = "zeros")
  model <- keras_model(input, shared(hidden * 2))
  list(width = dim(hidden)[2], values = model(matrix(1, 2, 4)), layers = length(model$layers),
       weights = length(dense$weights), class = class(dense))
""")
out["classes"] = rhost.r("""
  layer_twice <- Layer("Twice", call = function(inputs) inputs * 2)
  Recorder <- Callback("Recorder", on_train_begin = function(logs = NULL) self$epochs <- integer(),
                       on_epoch_end = function(epoch, logs = NULL) {
    self$epochs <- c(self$epochs, epoch)
    if (epoch >= 1) self$model$stop_training <- TRUE
  })
  recorder <- Recorder()
  input <- keras_input(shape = 2)
  model <- keras_model(input, layer_dense(layer_twice(input), 1))
  model |> compile(loss = function(y_true, y_pred) op_mean(op_square(y_true - y_pred), axis = -1))
  h <- fit(model, matrix(runif(20), 10), runif(10), epochs = 5, verbose = 0, callbacks = list(recorder))
  list(epochs = as.integer(recorder$epochs), losses = length(h$metrics$loss))
""")
out["error"] = rhost.r("""
  broken <- Layer("Broken", call = function(inputs) stop("broken under rpy2"))
  tryCatch(broken(keras_input(shape = 2)), error = function(e) conditionMessage(e))
""")
before = rhost.live_handles()
rhost.r("for (i in 1:5) layer_dense(units = 1); invisible(gc()); NULL")
out["released"] = rhost.live_handles() <= before
print(json.dumps(out, default=lambda o: o.tolist()))
'''


def test_rpy2_functional_model_with_callable_layers_and_r_classes():
    out = run_python(FUNCTIONAL_MODEL_RPY2, embedded_r_env())[0]
    functional = out["functional"]
    assert functional["width"] == 3
    # inputs of ones x kernel of ones: 4 per hidden unit, doubled, summed over 3 units by ones: 24
    assert functional["values"] == [[24.0], [24.0]]
    assert functional["layers"] == 3 and functional["weights"] == 2
    assert functional["class"] == "pybridge_object"
    assert out["classes"] == {"epochs": [0, 1], "losses": 2}
    assert out["error"] == "broken under rpy2"
    assert out["released"]
