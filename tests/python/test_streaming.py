"""fit() on CSV and Parquet files streamed in chunks: the same preprocessing as in memory, the same
training when the data fit in one batch order, and clear errors for bad sources."""

import shutil

import numpy as np
import pandas as pd
import pytest
from conftest import require

import pybridge as pb
from pybridge import streaming
from pybridge.encoding.predictors import Preprocessor
from pybridge.streaming import cache
from pybridge.streaming.batches import EpochBatches, tf_dataset


def mixed_frame(n=300, seed=0):
    rng = np.random.default_rng(seed)
    x1 = rng.normal(10, 3, n)
    x2 = rng.uniform(-1, 1, n)
    colour = rng.choice(["red", "green", "blue"], n)
    flag = rng.random(n) > 0.5
    y = 2 * x1 - 3 * x2 + (colour == "red") + flag + rng.normal(0, 0.1, n)
    return pd.DataFrame({"x1": x1, "x2": x2, "colour": colour, "flag": flag, "y": y})


def split(frame, parts):
    return [frame.iloc[rows] for rows in np.array_split(np.arange(len(frame)), parts)]


def write_parts(frame, folder, parts=3, fmt="csv"):
    for i, part in enumerate(split(frame, parts)):
        path = folder / f"part{i}.{fmt}"
        part.to_csv(path, index=False) if fmt == "csv" else part.to_parquet(path, index=False)
    return str(folder / f"part*.{fmt}")


def regressor(seed=3):
    pb.set_random_seed(seed)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    return model


def test_fit_streaming_learns_what_fit_learns_in_memory():
    frame = mixed_frame().drop(columns="y")
    whole = Preprocessor.fit(frame).to_dict()
    chunked = Preprocessor.fit_streaming(split(frame, 7)).to_dict()
    for a, b in zip(whole["columns"], chunked["columns"]):
        assert a["name"] == b["name"] and a["kind"] == b["kind"]
        if "levels" in a:
            assert a["levels"] == b["levels"]
        else:
            np.testing.assert_allclose([a["mean"], a["sd"]], [b["mean"], b["sd"]], rtol=1e-12)
    # One chunk is the in-memory definition itself, to the bit.
    assert Preprocessor.fit_streaming([frame]).to_dict() == whole


def test_fit_streaming_refuses_a_column_that_changes_kind():
    chunks = [pd.DataFrame({"a": [1.0, 2.0]}), pd.DataFrame({"a": ["x", "y"]})]
    with pytest.raises(pb.InputError, match="column `a` is numeric in the first rows but categorical"):
        Preprocessor.fit_streaming(chunks)


def test_fit_on_csv_files_trains_like_the_same_rows_in_memory(tmp_path):
    frame = mixed_frame()
    pattern = write_parts(frame, tmp_path)
    on_files = regressor()
    history = pb.fit(on_files, pattern, target="y", epochs=3, batch_size=32, shuffle=False, verbose=0, chunk_rows=50)
    in_memory = regressor()
    # read back as the files hold it (CSV round trip), so the two see identical numbers
    reread = pd.concat(pd.read_csv(tmp_path / f"part{i}.csv") for i in range(3))
    reference = pb.fit(in_memory, reread, target="y", epochs=3, batch_size=32, shuffle=False, verbose=0)
    assert history.params["samples"] == 300 and history.params["files"] == 3
    assert on_files.preprocessor.names == ["x1", "x2", "colour", "flag"]
    assert on_files.preprocessor.columns[2]["levels"] == ["blue", "green", "red"]
    # Batches are cut the same whatever the chunk size, so the weights follow the same path.
    np.testing.assert_allclose(history.metrics["loss"], reference.metrics["loss"], rtol=1e-4)
    assert history.metrics["loss"][-1] < history.metrics["loss"][0]
    np.testing.assert_allclose(
        pb.predict(on_files, frame)[".pred"], pb.predict(in_memory, frame)[".pred"], rtol=1e-4, atol=1e-4
    )
    # A second fit continues with the stored encoding.
    assert pb.fit(on_files, pattern, epochs=1, verbose=0).epochs == 1
    assert on_files.epochs_trained == 4


def test_fit_on_csv_classification_with_selected_columns(tmp_path, iris):
    iris.to_csv(tmp_path / "iris.csv", index=False)
    pb.set_random_seed(1)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    history = pb.fit(
        model,
        str(tmp_path / "iris.csv"),
        target="Species",
        columns=["Petal.Length", "Petal.Width"],
        epochs=2,
        batch_size=16,
        seed=5,
        verbose=0,
    )
    assert history.epochs == 2
    assert model.preprocessor.names == ["Petal.Length", "Petal.Width"]
    assert model.outcome.levels == ["setosa", "versicolor", "virginica"]
    assert list(pb.predict(model, iris).columns) == [
        ".pred_class",
        ".pred_setosa",
        ".pred_versicolor",
        ".pred_virginica",
    ]


def test_fit_on_parquet_files(tmp_path):
    require(_has_pyarrow(), "pyarrow")
    frame = mixed_frame(120)
    model = regressor()
    history = pb.fit(model, write_parts(frame, tmp_path, 2, "parquet"), target="y", epochs=2, verbose=0, chunk_rows=25)
    assert history.params["samples"] == 120
    reference = Preprocessor.fit(frame.drop(columns="y")).to_dict()
    assert model.preprocessor.columns[2]["levels"] == reference["columns"][2]["levels"]
    np.testing.assert_allclose(model.preprocessor.columns[0]["mean"], reference["columns"][0]["mean"])


def _has_pyarrow():
    try:
        import pyarrow  # noqa: F401

        return True
    except ImportError:
        return False


def test_missing_values_in_files_follow_na_action(tmp_path):
    frame = mixed_frame(100)
    frame.loc[[3, 70], "x2"] = np.nan
    pattern = write_parts(frame, tmp_path, 2)
    model = regressor()
    with pytest.raises(pb.InputError, match="`x2`"):
        pb.fit(model, pattern, target="y", epochs=1, verbose=0, chunk_rows=30)
    assert not model.is_fitted
    history = pb.fit(model, pattern, target="y", epochs=1, verbose=0, chunk_rows=30, na_action="omit")
    assert history.params["samples"] == 98 and history.params["rows_omitted"] == 2


@pytest.mark.parametrize(
    "source, kwargs, error, message",
    [
        ("nowhere/*.csv", {"target": "y"}, pb.InputError, "no data file matches"),
        ("{dir}/part0.csv", {}, pb.InputError, "needs `target`"),
        ("{dir}/part0.csv", {"target": "nope"}, pb.InputError, "`nope` not found"),
        ("{dir}/part0.csv", {"target": "y", "validation_split": 0.2}, pb.ArgumentError, "`validation_split`"),
        ("{dir}/notes.txt", {"target": "y"}, pb.InputError, "not a CSV or Parquet file"),
    ],
)
def test_bad_file_sources_are_named(tmp_path, source, kwargs, error, message):
    write_parts(mixed_frame(30), tmp_path, 1)
    (tmp_path / "notes.txt").write_text("hello")
    model = regressor()
    with pytest.raises(error, match=message):
        pb.fit(model, source.format(dir=tmp_path), epochs=1, verbose=0, **kwargs)
    assert not model.is_fitted


def test_a_constant_outcome_in_files_is_refused_and_one_that_varies_late_is_not(tmp_path):
    frame = mixed_frame(200)
    frame["y"] = 1.5
    pattern = write_parts(frame, tmp_path, 2)
    with pytest.raises(pb.InputError, match=r"outcome `y` is constant"):
        pb.fit(regressor(), pattern, target="y", epochs=1, verbose=0, chunk_rows=30)
    frame.loc[190, "y"] = 2.5  # only the last chunk of the second file tells that y varies
    pattern = write_parts(frame, tmp_path, 2)
    assert pb.fit(regressor(), pattern, target="y", epochs=1, verbose=0, chunk_rows=30).epochs == 1


def test_batches_are_the_same_for_any_chunk_size(tmp_path):
    frame = mixed_frame(95)
    pattern = write_parts(frame, tmp_path, 2)
    pre = Preprocessor.fit(pd.read_csv(tmp_path / "part0.csv").drop(columns="y"))
    cut = {}
    for rows in (7, 40, 1000):
        source = streaming.Source(pattern, chunk_rows=rows)
        cut[rows] = list(
            streaming.batches(
                source,
                ["y"],
                pre,
                lambda y: y.to_numpy(np.float32),
                batch_size=32,
                na_action="fail",
                shuffle=False,
                seed=None,
            )
        )
    assert [len(b[0]) for b in cut[7]] == [32, 32, 31]
    for rows in (40, 1000):
        for (x7, y7), (x, y) in zip(cut[7], cut[rows]):
            np.testing.assert_array_equal(x7, x)
            np.testing.assert_array_equal(y7, y)


def test_columns_choose_the_predictors_of_a_data_frame_as_of_files(iris):
    model = regressor()
    pb.fit(model, iris, target="Sepal.Length", columns=["Petal.Width", "Species"], epochs=1, verbose=0)
    assert model.preprocessor.names == ["Petal.Width", "Species"]
    with pytest.raises(pb.InputError, match="`nope` named in `columns`"):
        pb.fit(regressor(), iris, target="Sepal.Length", columns=["nope"], epochs=1, verbose=0)


def cache_dirs(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(cache.PREFIX))


def test_later_epochs_read_the_cache_which_is_removed_after_fit(tmp_path, monkeypatch):
    frame = mixed_frame(200)
    pattern = write_parts(frame, tmp_path, 2)
    spill = tmp_path / "spill"
    spill.mkdir()
    reads, seen = [], []
    real_read = streaming.Source._read

    def counted_read(self, path, rows, dtypes):
        reads.append(path)
        return real_read(self, path, rows, dtypes)

    def at_epoch_end(epoch, logs):
        folders = cache_dirs(spill)
        seen.append((len(reads), folders and sorted(p.name for p in (spill / folders[0]).iterdir())))

    monkeypatch.setattr(streaming.Source, "_read", counted_read)
    history = pb.fit(
        regressor(),
        pattern,
        target="y",
        epochs=3,
        batch_size=32,
        verbose=0,
        cache_dir=spill,
        seed=1,
        callbacks=[pb.callback_lambda(on_epoch_end=at_epoch_end)],
    )
    assert history.epochs == 3
    assert seen[0][1] and all(files == seen[0][1] for _, files in seen)  # bucket files on disk while training
    assert seen[1][0] == seen[2][0] == seen[0][0]  # epochs 2 and 3 opened no CSV file; the first read them
    assert cache_dirs(spill) == []  # and the cache is gone now


def test_the_cache_is_removed_when_fit_fails(tmp_path):
    pattern = write_parts(mixed_frame(200), tmp_path, 2)
    spill = tmp_path / "spill"
    spill.mkdir()

    def fail(epoch, logs):
        if epoch == 1:
            raise RuntimeError("stopped by the test")

    with pytest.raises(RuntimeError, match="stopped by the test"):
        pb.fit(
            regressor(),
            pattern,
            target="y",
            epochs=3,
            verbose=0,
            cache_dir=spill,
            callbacks=[pb.callback_lambda(on_epoch_end=fail)],
        )
    assert cache_dirs(spill) == []


def test_a_disk_too_full_for_the_cache_is_a_clear_error(tmp_path, monkeypatch):
    # No small filesystem can be mounted in the test environment, so the free space is faked.
    pattern = write_parts(mixed_frame(200), tmp_path, 2)
    real_usage = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda path: real_usage(path)._replace(free=1000))
    model = regressor()
    with pytest.raises(pb.InputError, match=r"needs 0.0 MiB but .* has 0.0 MiB free; give `cache_dir`.*cache = FALSE"):
        pb.fit(model, pattern, target="y", epochs=2, verbose=0, cache_dir=tmp_path)
    assert cache_dirs(tmp_path) == []
    # Without the cache the files are read every epoch, as before.
    assert pb.fit(model, pattern, target="y", epochs=2, verbose=0, cache=False).epochs == 2


def test_later_epochs_shuffle_rows_across_all_files_reproducibly(tmp_path):
    frame = mixed_frame(400)
    frame["row"] = np.arange(400.0)  # a predictor that tells where each row came from
    pattern = write_parts(frame, tmp_path, 4)
    pre = Preprocessor.fit(frame.drop(columns="y"))

    def epochs_of_batches(seed):
        source = streaming.Source(pattern, chunk_rows=50)
        parts = [((pre.input_shape[0],), np.float32), ((1,), np.float32)]
        # 7 buckets: the later epochs read groups of cache.GROUP_BUCKETS of them, not all at once
        spill = cache.Cache(400, parts, bucket_rows=64)
        try:
            epochs = EpochBatches(
                lambda s: streaming.blocks(
                    source, ["y"], pre, lambda y: y.to_numpy(np.float32).reshape(-1, 1), 32, "fail", True, s
                ),
                32,
                True,
                seed,
                spill,
                steps=13,
            )
            dataset = tf_dataset(epochs, [np.zeros((1,) + shape, dtype) for shape, dtype in parts], steps=13)
            # each pass over the dataset is an epoch, as Keras iterates it
            return [[x.numpy()[:, -1] for x, _ in dataset] for _ in range(3)]
        finally:
            spill.close()

    def original_rows(encoded):
        return np.rint(encoded * frame["row"].std() + frame["row"].mean()).astype(int)

    first, again, other = epochs_of_batches(7), epochs_of_batches(7), epochs_of_batches(8)
    for epoch in range(3):
        assert sorted(np.concatenate([original_rows(b) for b in first[epoch]])) == list(range(400))
        assert [len(b) for b in first[epoch]] == [32] * 12 + [16]
    files_in_batch = [len(set(original_rows(b) // 100)) for later in first[1:] for b in later]
    chunks_in_batch = [np.ptp(original_rows(b) // 50) for b in first[0]]
    assert max(chunks_in_batch) <= 1  # the first epoch shuffles within chunks (a batch may straddle two)
    assert min(files_in_batch) >= 2 and np.mean(files_in_batch) > 3  # later ones across all files
    assert all(np.array_equal(a, b) for e in range(3) for a, b in zip(first[e], again[e]))  # seeded
    assert not np.array_equal(np.concatenate(first[1]), np.concatenate(first[2]))  # a new order each epoch
    assert not all(np.array_equal(a, b) for a, b in zip(first[1], other[1]))


def test_evaluate_and_predict_on_files_equal_in_memory(tmp_path):
    frame = mixed_frame(150)
    frame.loc[[5, 77], "x1"] = np.nan  # rows a prediction cannot be made for
    pattern = write_parts(frame, tmp_path, 3)
    reread = pd.concat([pd.read_csv(tmp_path / f"part{i}.csv") for i in range(3)], ignore_index=True)
    model = regressor()
    pb.fit(model, reread.dropna(), target="y", epochs=2, verbose=0)
    np.testing.assert_allclose(
        pb.predict(model, pattern)[".pred"], pb.predict(model, reread)[".pred"], rtol=1e-6, equal_nan=True
    )
    complete = write_parts(reread.dropna(), tmp_path / "complete", 2) if (tmp_path / "complete").mkdir() is None else 0
    on_files = pb.evaluate(model, complete, batch_size=16)
    in_memory = pb.evaluate(model, reread.dropna(), batch_size=16)
    assert on_files.keys() == in_memory.keys()
    np.testing.assert_allclose(list(on_files.values()), list(in_memory.values()), rtol=1e-5)
    with pytest.raises(pb.InputError, match="`x1`"):
        pb.evaluate(model, pattern)  # na_action = "fail", as in memory
    for name in ("out.csv", "out.parquet"):
        if name.endswith("parquet") and not _has_pyarrow():
            continue
        path = pb.predict(model, pattern, output=str(tmp_path / name), chunk_rows=40)
        written = pd.read_csv(path) if name.endswith("csv") else pd.read_parquet(path)
        np.testing.assert_allclose(written[".pred"], pb.predict(model, reread)[".pred"], rtol=1e-6, equal_nan=True)


def test_predict_classes_from_files(tmp_path, iris):
    iris.to_csv(tmp_path / "iris.csv", index=False)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    pb.fit(model, iris, target="Species", epochs=1, verbose=0, seed=1)
    on_files = pb.predict(model, str(tmp_path / "iris.csv"), chunk_rows=60)
    pd.testing.assert_frame_equal(on_files, pb.predict(model, iris))


def test_validation_files_and_a_weights_column_train_as_in_memory(tmp_path):
    frame = mixed_frame(160)
    frame["w"] = np.where(frame["x2"] > 0, 3.0, 0.5)
    pattern = write_parts(frame.iloc[:128], tmp_path, 2)
    (tmp_path / "held").mkdir()
    held_out = write_parts(frame.iloc[128:], tmp_path / "held", 1)
    reread = pd.concat([pd.read_csv(tmp_path / f"part{i}.csv") for i in range(2)], ignore_index=True)
    held = pd.read_csv(tmp_path / "held" / "part0.csv")

    def run(data, **kwargs):
        return pb.fit(regressor(), data, target="y", epochs=2, batch_size=32, shuffle=False, verbose=0, **kwargs)

    on_files = run(pattern, sample_weight="w", validation_data=held_out)
    in_memory = run(
        reread.drop(columns="w"), sample_weight=reread["w"].to_numpy(), validation_data=held.drop(columns="w")
    )
    for metric in ("loss", "val_loss"):
        np.testing.assert_allclose(on_files.metrics[metric], in_memory.metrics[metric], rtol=1e-4)
    unweighted = run(pattern, columns=["x1", "x2", "colour", "flag"])
    assert not np.allclose(unweighted.metrics["loss"], on_files.metrics["loss"], rtol=1e-3)
    with pytest.raises(pb.InputError, match="`sample_weight` column `nope` not found"):
        run(pattern, sample_weight="nope")


def test_an_error_in_a_later_chunk_of_files_is_raised_as_itself(tmp_path):
    # Chunks after the first are read inside tf.data's threads: what goes wrong there reaches the
    # caller as pybridge's error naming the column, not as TensorFlow's wrapping of it.
    frame = mixed_frame(200)
    model = regressor()
    pb.fit(model, frame, target="y", epochs=1, verbose=0)
    odd = frame.copy()
    odd.loc[150:, "colour"] = "purple"
    (tmp_path / "odd").mkdir()
    pattern = write_parts(odd, tmp_path / "odd", 2)
    unseen = r"column `colour` has level\(s\) not seen in training: purple"
    with pytest.raises(pb.InputError, match=unseen):
        pb.evaluate(model, pattern, target="y", chunk_rows=50)
    with pytest.raises(pb.InputError, match=unseen):
        pb.fit(model, write_parts(frame, tmp_path, 2), target="y", epochs=1, verbose=0, validation_data=pattern)
    assert pb.evaluate(model, frame, target="y")["loss"] > 0  # the model is still usable
