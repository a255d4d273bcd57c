"""Folder scans: one row per media file, bad files as error rows, cancel, order."""

import threading

from deepfake_desk.core.scan import AnalysisOptions, analyze, iter_media_files, scan_paths
from tests.conftest import BLUE, RED, solid


def make_mixed_folder(root):
    solid(RED).save(root / "a_fake.jpg")
    solid(BLUE).save(root / "b_real.png")
    sub = root / "sub"
    sub.mkdir()
    solid(RED).save(sub / "c_fake.webp")
    solid(BLUE).save(sub / "disguised.bin", format="PNG")  # media by content, not by name
    good = root / "d_truncated.jpg"
    solid(RED, (300, 300)).save(good, quality=95)
    good.write_bytes(good.read_bytes()[:800])
    (root / "e_empty.jpg").write_bytes(b"")
    (root / "f_text.png").write_text("this is not a picture")
    (root / "notes.txt").write_text("not media: no row")
    (root / "data.csv").write_text("a,b\n1,2\n")


def test_mixed_folder_gives_one_row_per_media_file(detector, tmp_path):
    make_mixed_folder(tmp_path)
    rows = {r.path.replace(str(tmp_path) + "/", ""): r for r in scan_paths([tmp_path], detector)}

    assert sorted(rows) == ["a_fake.jpg", "b_real.png", "d_truncated.jpg", "e_empty.jpg", "f_text.png",
                            "sub/c_fake.webp", "sub/disguised.bin"]
    assert rows["a_fake.jpg"].verdict == "fake" and rows["sub/c_fake.webp"].verdict == "fake"
    assert rows["b_real.png"].verdict == "real" and rows["sub/disguised.bin"].verdict == "real"
    assert "truncated" in rows["d_truncated.jpg"].error
    assert "empty file" in rows["e_empty.jpg"].error
    assert "not an image" in rows["f_text.png"].error
    for name in ("d_truncated.jpg", "e_empty.jpg", "f_text.png"):
        assert rows[name].verdict == "" and rows[name].fake_probability is None


def test_results_come_in_the_order_files_were_found(detector, tmp_path):
    for i in range(12):
        solid(RED if i % 2 else BLUE).save(tmp_path / f"{i:02d}.png")
    paths = [r.path for r in scan_paths([tmp_path], detector, workers=2, lookahead=3)]
    assert paths == sorted(paths) and len(paths) == 12


def test_non_recursive_scan_skips_subfolders(detector, tmp_path):
    make_mixed_folder(tmp_path)
    paths = [m.path for m in iter_media_files([tmp_path], recursive=False)]
    assert not any("/sub/" in p for p in paths) and len(paths) == 5


def test_explicit_file_always_gets_a_row(detector, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    rows = list(scan_paths([tmp_path / "notes.txt"], detector))
    assert len(rows) == 1 and "not a supported" in rows[0].error


def test_cancel_stops_between_files_and_keeps_finished_rows(detector, tmp_path):
    for i in range(20):
        solid(RED).save(tmp_path / f"{i:02d}.png")
    cancel = threading.Event()
    rows = []
    for result in scan_paths([tmp_path], detector, cancel=cancel):
        rows.append(result)
        if len(rows) == 5:
            cancel.set()
    assert len(rows) == 5 and all(r.verdict == "fake" for r in rows)


def test_symlinked_folder_loop_does_not_trap_the_scan(detector, tmp_path):
    solid(RED).save(tmp_path / "a.png")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [r.verdict for r in scan_paths([tmp_path], detector)] == ["fake"]


def test_the_tree_is_walked_once_and_counted_as_it_goes(detector, tmp_path, monkeypatch):
    from deepfake_desk.core import walk

    make_mixed_folder(tmp_path)
    walks = []
    listed = walk.iter_media_files
    monkeypatch.setattr(walk, "iter_media_files", lambda paths, *a: walks.append(list(paths)) or listed(paths, *a))
    analysis = analyze([tmp_path], detector, AnalysisOptions(workers=1))
    rows = list(analysis)
    assert walks == [[str(tmp_path)]]
    assert analysis.complete and analysis.found == len(rows) == 7
    assert len({r.scan for r in rows}) == 1 and rows[0].scan  # one analysis, one `scan` stamp


def test_a_listing_stops_its_walk_when_closed(tmp_path):
    from deepfake_desk.core.walk import Listing

    for i in range(6):
        solid(RED).save(tmp_path / f"{i}.png")
    listing = Listing([tmp_path], max_waiting=2).start()
    first = next(iter(listing))
    listing.close()
    assert first.path.endswith("0.png") and listing.found <= 4  # it waited for the reader, then stopped


def test_opening_one_file_starts_one_decoding_process(detector, tmp_path, monkeypatch):
    from deepfake_desk.core import decode_pool

    solid(RED).save(tmp_path / "one.png")
    spawned = []
    spawn = decode_pool.DecodePool._spawn
    monkeypatch.setattr(decode_pool.DecodePool, "_spawn", lambda self: spawned.append(1) or spawn(self))
    assert [r.verdict for r in analyze([tmp_path / "one.png"], detector, AnalysisOptions(workers=2))] == ["fake"]
    assert len(spawned) == 1
    assert list(analyze([tmp_path / "nothing-here"], detector)) and len(spawned) == 2  # a named file: its error row
    (tmp_path / "empty").mkdir()
    assert list(analyze([tmp_path / "empty"], detector)) == [] and len(spawned) == 2  # no file: no process
