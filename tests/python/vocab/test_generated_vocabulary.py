"""The generated R wrappers (R/generated-*.R) and their manifest match the installed Keras: a new
Keras name or argument, or another Keras version, fails here until `make vocabulary` is rerun."""

import json
import re
from pathlib import Path

import keras

from pybridge.vocab import catalog

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = json.loads((ROOT / "tools" / "vocabulary" / "keras-api.json").read_text())
RERUN = "run `make vocabulary` to regenerate R/generated-*.R"


def _generated_signatures():
    """R name -> the formals' names, read from the generated R files."""
    signatures = {}
    for path in sorted((ROOT / "R").glob("generated-*.R")):
        # A signature may span lines; the body (.pb_layer(), .pb_op(), .pb_object()) follows it.
        for name, formals in re.findall(r"^(\w+) <- function\((.*?)\)\n  \.pb_", path.read_text(), flags=re.M | re.S):
            signatures[name] = {f.split("=")[0].strip().strip("`") for f in re.split(r",\s+", formals) if f}
    return signatures


def test_manifest_is_for_the_installed_keras():
    assert MANIFEST["keras_version"] == keras.__version__, (
        f"generated from Keras {MANIFEST['keras_version']}, installed {keras.__version__}: {RERUN}"
    )


def test_every_public_keras_name_is_generated_or_left_out_with_a_reason():
    wanted, generated = set(catalog.table()), set(MANIFEST["wrappers"])
    assert not wanted - generated, f"Keras has {sorted(wanted - generated)}, not generated: {RERUN}"
    assert not generated - wanted, f"generated {sorted(generated - wanted)}, gone from Keras: {RERUN}"
    assert all(catalog.not_wrapped().values()), "every name left out says why"


def test_every_keras_argument_is_in_the_manifest_and_the_r_signature():
    signatures = _generated_signatures()
    missing = []
    for name, entry in catalog.table().items():
        arguments = [p.name for p in catalog.parameters(entry.target or entry.function)]
        if MANIFEST["wrappers"][name]["arguments"] != arguments:
            missing.append(f"{name}: manifest {MANIFEST['wrappers'][name]['arguments']} != Keras {arguments}")
        absent = set(arguments) - signatures.get(name, set())
        if absent:
            missing.append(f"{name}() lacks {sorted(absent)} in R/generated-*.R")
    assert not missing, "\n".join(missing[:20]) + f"\n{RERUN}"


def test_names_left_out_still_exist_in_keras():
    # A reason for a name Keras no longer has is stale.
    for path in catalog.NOT_WRAPPED:
        module, _, attribute = path.rpartition(".")
        module = "optimizers.schedules" if module == "schedules" else module
        assert hasattr(eval(f"keras.{module}", {"keras": keras}), attribute), f"keras.{path} is gone"


def test_keras3_spelling_of_the_odd_names():
    table = catalog.table()
    for name in (
        "layer_conv_2d_transpose",
        "layer_lstm",
        "layer_max_pooling_2d",
        "layer_upsampling_2d",
        "layer_activation_parametric_relu",
        "layer_group_query_attention",
        "op_expand_dims",
        "op_image_resize",
        "random_integer",
        "activation_relu",
        "initializer_he_normal",
        "regularizer_l1_l2",
        "constraint_maxnorm",
        "metric_true_positives",
        "metric_fbeta_score",
        "metric_binary_iou",
        "loss_kl_divergence",
        "optimizer_adam_w",
        "optimizer_loss_scale",
        "learning_rate_schedule_exponential_decay",
        "callback_terminate_on_nan",
    ):
        assert name in table, name
    assert catalog.snake_case("ReduceLROnPlateau") == "reduce_lr_on_plateau"
    assert "layer_lambda" not in table and "layer_input_layer" not in table
