"""pybridge.json checked at load_model(): files crafted by hand (the zip rewritten with a changed
pybridge.json, a flipped byte, a decompression bomb) fail at load with the field or member named,
never later at predict() or with wrong predictions; files of earlier versions still load."""

import json
import math
import tracemalloc
import zipfile

import numpy as np
import pytest
from conftest import iris_frame, iris_model

import pybridge as pb


@pytest.fixture(scope="module")
def files(tmp_path_factory, regression_data):
    """A fitted iris classifier's file and a fitted regression's file (outcome standardised)."""
    folder = tmp_path_factory.mktemp("models")
    classifier = iris_model()
    pb.fit(classifier, iris_frame(), target="Species", epochs=1, verbose=0)
    pb.save_model(classifier, folder / "iris.keras")
    regressor = pb.keras_model_sequential(input_shape=3)
    pb.layer_dense(regressor, units=1)
    pb.compile(regressor, optimizer="adam", loss="mse")
    pb.fit(regressor, regression_data, target="y", epochs=1, verbose=0)
    pb.save_model(regressor, folder / "reg.keras")
    return {"iris": folder / "iris.keras", "reg": folder / "reg.keras"}


@pytest.fixture(scope="module")
def regression_data():
    import pandas as pd

    rng = np.random.default_rng(0)
    x = rng.normal(size=(100, 3))
    return pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "c": x[:, 2], "y": 10 + 3 * x[:, 0]})


def rewritten(source, target, change):
    """``source`` with pybridge.json replaced: ``change(metadata)`` edits it in place (returning None)
    or returns the new content (bytes, or anything JSON)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "pybridge.json":
                metadata = json.loads(data)
                result = change(metadata)
                result = metadata if result is None else result
                data = result if isinstance(result, bytes) else json.dumps(result).encode()
            new.writestr(info, data)
    return target


def _outcome(key, value):
    return lambda m: m["outcome"].__setitem__(key, value)


def _column(i, key, value):
    return lambda m: m["preprocessor"]["columns"][i].__setitem__(key, value)


CASES = {
    # name: (file, change, the words the error must hold)
    "not JSON": ("iris", lambda m: b"{'kind': classification", "`pybridge.json` is not valid JSON"),
    "a list": ("iris", lambda m: [m], "pybridge.json must be a JSON object, got a list of 1"),
    "missing kind": ("iris", lambda m: m["outcome"].pop("kind") and None, "field `outcome.kind` is missing"),
    "unknown kind": ("iris", _outcome("kind", "clustering"), "field `outcome.kind` must be one of"),
    "names not a list": ("iris", _outcome("names", 3), "field `outcome.names` must be a non-empty list"),
    "columns not a list": (
        "iris",
        lambda m: m["preprocessor"].__setitem__("columns", "Sepal.Length"),
        "field `preprocessor.columns` must be a list, got 'Sepal.Length'",
    ),
    "standardize a string": (
        "iris",
        lambda m: m["preprocessor"].__setitem__("standardize", "yes"),
        "field `preprocessor.standardize` must be true or false, got 'yes'",
    ),
    "column sd 0": (
        "iris",
        _column(2, "sd", 0),
        "field `preprocessor.columns[2].sd` must be finite and positive, got 0",
    ),
    "column mean a string": (
        "iris",
        _column(0, "mean", "5.8"),
        "field `preprocessor.columns[0].mean` must be a finite",
    ),
    "a column dropped": (
        "iris",
        lambda m: m["preprocessor"]["columns"].pop() and None,
        "field `preprocessor.columns` encodes 3 input(s) but the network takes 4",
    ),
    "two levels for three outputs": (
        "iris",
        _outcome("levels", ["setosa", "other"]),
        "field `outcome.levels` has 2 classes but the network has 3 output(s)",
    ),
    "repeated level": (
        "iris",
        _outcome("levels", ["setosa", "setosa", "virginica"]),
        "field `outcome.levels` must not repeat a level",
    ),
    "regression on a softmax classifier": (
        "iris",
        lambda m: m["outcome"].update(kind="regression", levels=None),
        "field `outcome.kind` is 'regression' but the network ends in a softmax over 3 classes",
    ),
    "outcome mean a string": (
        "reg",
        _outcome("mean", ["10"]),
        "field `outcome.mean` must be a finite number, got '10'",
    ),
    "outcome sd 0": ("reg", _outcome("sd", [0]), "field `outcome.sd` must be finite and positive, got 0"),
    "outcome sd NaN": ("reg", _outcome("sd", [math.nan]), "field `outcome.sd` must be finite and positive, got nan"),
    "outcome sd negative": ("reg", _outcome("sd", [-2.5]), "field `outcome.sd` must be finite and positive, got -2.5"),
    "outcome sd too long": ("reg", _outcome("sd", [1.0, 2.0]), "field `outcome.sd` must hold 1 value(s)"),
    "outcome names too long": (
        "reg",
        _outcome("names", ["y", "z"]),
        "field `outcome.mean` must hold 2 value(s)",
    ),
    "history values strings": (
        "iris",
        lambda m: m["histories"][0]["metrics"].__setitem__("loss", ["low"]),
        "field `histories[0].metrics.loss` must be a list of numbers",
    ),
    "formula term not a string": (
        "reg",
        lambda m: m["preprocessor"].__setitem__("formula_terms", {"predictors": {"log(x)": 3}}),
        "field `preprocessor.formula_terms.predictors.log(x)` must be an R expression (a string), got 3",
    ),
    "epoch count negative": (
        "iris",
        lambda m: m.__setitem__("epochs_trained", -3),
        "field `epochs_trained` must be a whole number >= 0, got -3",
    ),
    "newer format": ("iris", lambda m: m.__setitem__("version", 99), "written by a newer pybridge"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_damaged_pybridge_json_fails_at_load_naming_the_field(files, tmp_path, case):
    source, change, words = CASES[case]
    path = rewritten(files[source], tmp_path / "crafted.keras", change)
    with pytest.raises(pb.InputError) as caught:
        pb.load_model(path)
    message = str(caught.value)
    assert message.startswith(f"model file {path}"), message
    assert words in message, message


def test_the_untouched_files_load_and_predict(files, regression_data):
    assert pb.predict(pb.load_model(files["iris"]), iris_frame()).shape == (150, 4)
    predictions = pb.predict(pb.load_model(files["reg"]), regression_data)[".pred"]
    assert np.isfinite(predictions).all()


def test_a_file_of_an_earlier_version_still_loads(files, tmp_path):
    """Files from before label_type and ordered (commit be66469) and scaling (0565634) were stored."""

    def older(metadata):
        for key in ("label_type", "ordered", "scaling"):
            metadata["outcome"].pop(key)

    model = pb.load_model(files["iris"])
    old = pb.load_model(rewritten(files["iris"], tmp_path / "old.keras", older))
    iris = iris_frame()
    np.testing.assert_allclose(
        pb.predict(old, iris).iloc[:, 1:].to_numpy(), pb.predict(model, iris).iloc[:, 1:].to_numpy(), atol=1e-6
    )
    assert list(pb.predict(old, iris)[".pred_class"]) == list(pb.predict(model, iris)[".pred_class"])


def test_a_flipped_byte_in_any_member_is_a_clear_error(files, tmp_path):
    data = files["iris"].read_bytes()
    with zipfile.ZipFile(files["iris"]) as archive:
        members = archive.infolist()
    for info in members:
        # a byte in the middle of the member's stored data, after its local header (30 bytes, the
        # name and the extra field, whose lengths the header gives)
        offset = info.header_offset
        start = offset + 30 + int.from_bytes(data[offset + 26 : offset + 28], "little")
        start += int.from_bytes(data[offset + 28 : offset + 30], "little")
        flipped = bytearray(data)
        flipped[start + info.compress_size // 2] ^= 0x40
        path = tmp_path / f"flipped-{info.filename}.keras"
        path.write_bytes(bytes(flipped))
        with pytest.raises(pb.InputError, match=f"is damaged: member `{info.filename}` fails its checksum"):
            pb.load_model(path)


def test_a_decompression_bomb_is_refused_before_it_is_decompressed(files, tmp_path):
    """512 MiB of pybridge.json packed into half a megabyte: refused from the zip directory's size,
    with no more than a few MiB allocated while loading."""
    path = tmp_path / "bomb.keras"
    with zipfile.ZipFile(files["iris"]) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            if info.filename != "pybridge.json":
                new.writestr(info, old.read(info.filename))
        bomb = zipfile.ZipInfo("pybridge.json")
        bomb.compress_type = zipfile.ZIP_DEFLATED
        with new.open(bomb, "w", force_zip64=True) as handle:
            chunk = b" " * (1 << 20)
            for _ in range(512):
                handle.write(chunk)
    assert path.stat().st_size < 4 << 20
    tracemalloc.start()
    try:
        with pytest.raises(pb.InputError, match=r"member `pybridge.json` would expand to 512.0 MiB.*refused"):
            pb.load_model(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, f"{peak / 2**20:.0f} MiB allocated while refusing it"
