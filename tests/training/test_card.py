"""The model card's LOSO table: per source, then mean, worst and the two kinds of source apart."""

from training import card, data


def entry(auc, decided=0.9, fakes_real=0.05, uncertain=0.5):
    fused = {"images": 10, "auc": auc, "decided_accuracy": decided, "fakes_called_real": fakes_real,
             "uncertain_share": uncertain}
    return {"clean": {"fused": fused, "m": {"auc": auc}, "sharpness_control": {"auc": 0.5}}}


def test_loso_table_reports_face_swaps_apart_from_generated_sources():
    per_source = {"faces/openforensics": entry(0.40), "faces/dfdc": entry(0.60),
                  "faces/stylegan_ffhq": entry(0.70), "generic/modern_t2i": entry(0.90)}
    assert set(data.FACE_SWAP_SOURCES) == {"faces/openforensics", "faces/dfdc"}
    lines = card.loso_table(per_source, ["m"])
    rows = {line.split(" | ")[0].lstrip("| "): line for line in lines}
    assert "0.650" in rows["**mean**"] and "0.400" in rows["**worst**"]
    assert "0.800 / 0.700" in rows["mean / worst, generated whole (2)"]
    assert "0.500 / 0.400" in rows["mean / worst, face swaps (2)"]
