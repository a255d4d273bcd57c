"""The truncated ResNet-50: its size, its inputs, its crops, and training that resumes where it stopped."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from training import resnet50, resnet50_ship  # noqa: E402


@pytest.mark.parametrize("kind", ["wavelet", "npr"])
def test_the_network_is_resnet50_cut_after_layer2(kind):
    net = resnet50.build(kind).eval()
    # stem + layer1 (3 bottlenecks) + layer2 (4) + a linear head: SAFE's 1.44 M parameters
    assert 1.40e6 < resnet50.parameter_count(net) < 1.50e6
    assert len(net.layer1) == 3 and len(net.layer2) == 4
    x = torch.rand(2, 3, 64, 96)
    with torch.inference_mode():
        assert net(x).shape == (2,)
        assert net.pooled(x).shape == (2, 512)


def test_wavelet_bands_see_pixel_patterns_not_flat_colour():
    flat = torch.full((1, 3, 8, 8), 0.7)
    assert float(resnet50.haar_highpass(flat).abs().max()) == 0.0
    checker = flat.clone()
    checker[:, :, ::2, ::2] = 0.2
    bands = resnet50.haar_highpass(checker)
    assert bands.shape == (1, 9, 4, 4) and float(bands.abs().max()) > 0.1


@pytest.mark.parametrize("shape", [(224, 224, 3), (300, 500, 3), (1024, 1024, 3)])
def test_crops_are_native_size_even_from_the_smallest_pictures(shape):
    rng = np.random.default_rng(0)
    img = (rng.random(shape) * 255).astype(np.uint8)
    for _ in range(10):
        c = resnet50.augmented_crop(img, 224, rng)
        assert c.shape == (3, 224, 224) and c.dtype == np.float32
        assert 0.0 <= c.min() and c.max() <= 1.0


def test_a_stopped_run_resumes_at_its_step(tmp_path):
    rng = np.random.default_rng(1)
    images = {("s", label): [(rng.random((40, 40, 3)) * 255).astype(np.uint8) for _ in range(3)] for label in (0, 1)}
    cfg = resnet50.Config(run="tiny", steps=2, crop=32, batch=2, runs_dir=str(tmp_path))
    ckpt = resnet50.train(cfg, images=images)
    first = torch.load(ckpt, weights_only=False)
    assert first["step"] == 2
    with pytest.raises(SystemExit):  # never overwrites a run by accident
        resnet50.train(cfg, images=images)
    longer = resnet50.Config(run="tiny", steps=4, crop=32, batch=2, runs_dir=str(tmp_path))
    resnet50.train(longer, resume=True, images=images)
    second = torch.load(ckpt, weights_only=False)
    assert second["step"] == 4
    assert not torch.equal(first["model"]["conv1.weight"], second["model"]["conv1.weight"])
    assert "resumed tiny at step 2/4" in (tmp_path / "tiny" / "log.txt").read_text()


def test_the_exported_graph_agrees_with_pytorch(tmp_path, monkeypatch):
    pytest.importorskip("onnxruntime")
    rng = np.random.default_rng(2)
    images = {("s", label): [(rng.random((40, 40, 3)) * 255).astype(np.uint8)] for label in (0, 1)}
    monkeypatch.setattr(resnet50, "RUNS_DIR", tmp_path)
    resnet50.train(resnet50.Config(run="tiny", steps=1, crop=32, batch=2, runs_dir=str(tmp_path)), images=images)
    views = [(rng.random((64, 96, 3)) * 255).astype(np.uint8), (rng.random((96, 64, 3)) * 255).astype(np.uint8)]
    diff = resnet50.export_onnx("tiny", tmp_path / "resnet50.onnx", views)
    assert diff < 1e-4
    import onnxruntime as ort

    sess = ort.InferenceSession(str(tmp_path / "resnet50.onnx"), providers=["CPUExecutionProvider"])
    prob, feats = sess.run(None, {"image": np.zeros((1, 3, 64, 64), np.float32)})
    assert prob.shape == (1, 1) and feats.shape == (1, 512)  # as the probes: one probability per picture


def test_static_int8_of_the_shipped_graph_scores_like_fp32(tmp_path):
    """training/int8.py: the QDQ copy of an exported picture model takes any picture size and scores within
    a few points of the fp32 model on the views it was calibrated on and on others."""
    from training import int8
    from training.export import export_picture_model

    torch.manual_seed(0)
    net = resnet50.build("wavelet").eval()
    rng = np.random.default_rng(1)
    views = [(rng.random((h, w, 3)) * 255).astype(np.uint8) for h, w in [(64, 96), (96, 64), (64, 64)] * 4]
    fp32 = tmp_path / "m.onnx"
    export_picture_model(resnet50.onnx_module(net), fp32, views[:2])
    int8.quantize(fp32, tmp_path / "m.int8.onnx", views[:8])
    a, b = int8.scores(fp32, views), int8.scores(tmp_path / "m.int8.onnx", views)
    assert a.shape == b.shape == (12,)
    assert np.abs(a - b).max() < 0.05
    assert (tmp_path / "m.int8.onnx").stat().st_size < fp32.stat().st_size / 2  # int8 weights


def test_the_comparisons_pair_each_fold_with_its_longer_run_and_its_npr_twin(tmp_path, monkeypatch):
    import json

    def evaluation(folder, steps, kind, auc):
        folder.mkdir(parents=True, exist_ok=True)
        return {"steps": steps, "config": {"input": kind},
                "sources": {"faces/stylegan2_tpdne": {"clean": {"auc": auc}, "social": {"auc": auc - 0.01}}}}

    monkeypatch.setattr(resnet50_ship, "RUNS_DIR", tmp_path)
    monkeypatch.setattr(resnet50_ship, "COMPARISONS", tmp_path / "runs.json")
    fold = tmp_path / "loso_stylegan2_tpdne"
    (fold / "evaluation_1200.json").parent.mkdir(parents=True)
    (fold / "evaluation_1200.json").write_text(json.dumps(evaluation(fold, 1200, "wavelet", 0.58)))
    (fold / "evaluation_3000.json").write_text(json.dumps(evaluation(fold, 3000, "wavelet", 0.52)))
    (fold / "evaluation.json").write_text(json.dumps(evaluation(fold, 1200, "wavelet", 0.58)))
    npr = tmp_path / "npr_loso_stylegan2_tpdne"
    npr.mkdir()
    (npr / "evaluation.json").write_text(json.dumps(evaluation(npr, 1200, "npr", 0.61)))
    out = resnet50_ship.compare_runs(log=lambda *_: None)
    assert [(r["steps"], r["clean"]) for r in out["longer"]["faces/stylegan2_tpdne"]] == [(1200, 0.58), (3000, 0.52)]
    assert [(r["input"], r["clean"]) for r in out["inputs"]["faces/stylegan2_tpdne"]] == [("wavelet", 0.58), ("npr", 0.61)]
    assert "generic/modern_t2i" not in out["longer"]  # a fold without runs is left out
    assert json.loads((tmp_path / "runs.json").read_text()) == out


def test_fold_scores_come_from_the_fold_that_left_each_source_out(tmp_path, monkeypatch):
    """fold_logits: every image gets the logit of the run without its source; images no fold scored stay NaN."""
    monkeypatch.setattr(resnet50_ship, "RUNS_DIR", tmp_path)
    monkeypatch.setattr(resnet50_ship, "LOSO_RUNS", {"loso_a": "x/a", "loso_b": "x/b"})
    for run, paths, logits in (("loso_a", ["a1", "a2"], [1.5, -2.0]), ("loso_b", ["b1"], [0.25])):
        (tmp_path / run).mkdir()
        np.savez(tmp_path / run / "features_clean.npz", path=np.array(paths), logit=np.array(logits, np.float32))
    got = resnet50_ship.fold_logits(np.array(["b1", "a2", "c1", "a1"]))
    assert got[[0, 1, 3]].tolist() == [0.25, -2.0, 1.5] and np.isnan(got[2])


def test_the_fusion_note_says_what_was_measured(tmp_path, monkeypatch):
    import json

    monkeypatch.setattr(resnet50_ship, "FUSION_REPORT", tmp_path / "fusion.json")
    monkeypatch.setattr(resnet50_ship, "LOSO_RUNS", {"loso_a": "x/a", "loso_b": "x/b"})
    one = {"x/a": {"clean": {"auc": 0.8}}}
    assert "cover 1 of the 2 sources" in resnet50_ship.fusion_note(one)
    both = {**one, "x/b": {"clean": {"auc": 0.6}}}
    report = {"without": {"auc_mean": 0.70, "auc_worst": 0.55}, "with": {"auc_mean": 0.69, "auc_worst": 0.56},
              "earns_weight": False}
    (tmp_path / "fusion.json").write_text(json.dumps(report))
    note = resnet50_ship.fusion_note(both)
    assert note.startswith("not counted: it does not help") and "0.70 -> 0.69" in note and "0.55 -> 0.56" in note
    (tmp_path / "fusion.json").write_text(json.dumps({**report, "earns_weight": True}))
    assert "it helps the fusion" in resnet50_ship.fusion_note(both)
