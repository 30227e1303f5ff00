"""Keras's data sets with keras3's structure (pybridge/vocab/datasets.py). The download itself needs
the internet: offline (this project's CI machines) the clear error is what is tested; online, the
small Boston housing file is downloaded and its structure checked instead."""

import os
import socket
import uuid

import pytest

import pybridge as pb


def _online():
    try:
        socket.create_connection(("storage.googleapis.com", 443), timeout=3).close()
        return True
    except OSError:
        return False


def test_a_keras_dataset_downloads_or_says_clearly_why_not():
    # A file name that is not cached, so Keras tries to download it.
    name = f"pybridge-test-{uuid.uuid4().hex}.npz"
    if not _online():
        with pytest.raises(pb.DownloadError, match=r"dataset_boston_housing\(\) downloads .* download failed"):
            pb.dataset_boston_housing(path=name)
        return
    try:
        data = pb.dataset_boston_housing(path=name, test_split=0.25)
    finally:
        cached = os.path.expanduser(os.path.join("~", ".keras", "datasets", name))
        if os.path.exists(cached):
            os.remove(cached)
    assert set(data) == {"train", "test"} and set(data["train"]) == {"x", "y"}
    assert data["train"]["x"].shape[1] == 13 and len(data["test"]["y"]) == len(data["test"]["x"])


def test_dataset_arguments_are_checked():
    with pytest.raises(pb.ArgumentError, match="dataset_fashion_mnist\\(\\)"):
        pb.dataset_fashion_mnist(path="x.npz")  # fashion_mnist takes no path
    assert {f"dataset_{n}" for n in ("mnist", "cifar10", "cifar100", "imdb", "reuters")} <= set(pb.__all__)
