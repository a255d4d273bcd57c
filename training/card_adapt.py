"""The model card's sections on adaptation and on ResNet-50, written from their reports: the few-shot
yardstick (training/reports/fewshot*.json, `python -m training fewshot`) leads the card; the ResNet-50
section reads its manifest entry (`python -m training resnet50 --ship`).

`refresh(card)` rewrites only these marked sections of an existing card, so they can be brought up to
date without re-running `probes ship` (which needs the whole feature cache)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from deepfake_desk.core.kinds import KIND_IDS, NAMED_FROM
from training import data

REPORTS_DIR = data.TRAINING_DIR / "reports"
MARK = "<!-- section:{name} -->"
SHIPPED = "fewshot_shipped.json"  # every guard the app applies: the per-source table's verdicts come from it
END = "<!-- /section:{name} -->"


def _f(v, digits=2) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def _pct(v) -> str:
    return "-" if v is None else f"{100 * v:.0f}%"


def _m(entry: dict | None, key: str) -> float | None:
    """The mean over draws of `key` in a per-k entry ({key: {mean, sd}})."""
    v = (entry or {}).get(key)
    return None if v is None else v["mean"]


def _k(per_source_entry: dict, k: int) -> dict:
    """One k's block of a source's few-shot entry (JSON keys are strings; a fresh run's are ints)."""
    got = per_source_entry["k"]
    return got.get(str(k), got.get(k, {}))


def fewshot_section(report: dict, guarded: list[tuple[str, dict]] | None = None,
                    shipped_guards: dict | None = None) -> list[str]:
    """`guarded`: (words, report) of runs with the taught detector's guards on (familiarity, real-photo bank,
    face rule); `shipped_guards`: the run with every guard the app applies, whose verdicts the per-source table
    shows (without it, the verdicts are those of the unguarded run, and the table says so)."""
    ks = report["ks"]
    names = list(report["features"])
    shipped = names[0]
    per_source = report["features"][shipped]["per_source"]
    verdicts_of = per_source
    if shipped_guards and shipped in shipped_guards.get("features", {}):
        verdicts_of = shipped_guards["features"][shipped]["per_source"]
    guards_words = ("with every guard the app applies (real-photo bank, familiarity, face rule: the next table; "
                    "`python -m training fewshot --shipped --features " + shipped + "`)"
                    if verdicts_of is not per_source else "without the guards (the next table measures them)")
    lines = [
        "## Teaching the app a new kind of fake: few-shot leave-one-source-out", "",
        "The figure that matters most for a new generator: `deepfake-detector learn` taught with k confirmed fakes and "
        "k real photos of the source left out (drawn from its train split, "
        f"{report['draws']} draws each, mean shown), fitted exactly as the app fits it (same features, head, "
        "calibration and verdict rule: `core.learn.fit_taught_head`, `core.decision.decide`), then tested on that "
        "source's test split. Zero-shot: the shipped fusion's backbones fitted without that source (clean rows "
        "only here, so its figures differ a little from the LOSO tables below). \"Other kinds' reals turned fake\": "
        "the taught detector on every other source's real test photos. \"Reals of another kind\": the same fakes "
        "taught with real photos of the other sources instead (a desk's own archive), and the share of this "
        "source's real test photos it then turns fake. Command: `python -m training fewshot`.", "",
        f"### Features `learn` uses ({shipped}), per source left out", "",
        f"AUC: the taught detector's score alone. The k=20 verdicts: the app's verdict {guards_words}.", "",
        "| source left out | zero-shot AUC | zero-shot decided right | "
        + " | ".join(f"taught k={k} AUC" for k in ks)
        + " | k=20 decided right | k=20 fakes called fake | k=20 fakes called real | k=20 uncertain "
          "| k=20 other kinds' reals turned fake | k=20 reals of another kind: AUC / this source's reals turned fake |",
        "|---|---|---|" + "---|" * len(ks) + "---|---|---|---|---|---|",
    ]
    for h, r in per_source.items():
        k20 = _k(verdicts_of.get(h, r), 20)
        same, other = k20.get("same_kind", {}), k20.get("reals_of_other_kinds", {})
        z = r["zero_shot"]
        lines.append(
            f"| {h} | {_f(z['auc'])} | {_pct(z['decided_right'])} | "
            + " | ".join(_f(_m(_k(r, k).get("same_kind"), "auc")) for k in ks)
            + f" | {_pct(_m(same, 'decided_right'))} | {_pct(_m(same, 'fakes_called_fake'))} "
              f"| {_pct(_m(same, 'fakes_called_real'))} "
              f"| {_pct(_m(same, 'uncertain_share'))} | {_pct(_m(same, 'other_reals_turned_fake'))} "
              f"| {_f(_m(other, 'auc'))} / {_pct(_m(other, 'reals_called_fake'))} |")
    lines += ["", "### Mean / worst over sources, per feature set", "",
              "Its verdict columns are without the guards, so that feature sets compare on their own; the guarded "
              "figures of the shipped features are in the next table.", "",
              "| features | sources | zero-shot AUC | " + " | ".join(f"taught k={k} AUC" for k in ks)
              + " | k=20 decided right | k=20 other kinds' reals turned fake | k=20 reals of another kind: "
                "this source's reals turned fake |",
              "|---|---|---|" + "---|" * len(ks) + "---|---|---|"]
    for name in names:
        for group in ("all", "generated", "face_swaps"):
            s = report["features"][name].get(group)
            if not s:
                continue

            def mw(block, key, pct=False):
                v = (s.get(block) or {}).get(key)
                if not v:
                    return "-"
                fmt = _pct if pct else _f
                return f"{fmt(v['mean'])} / {fmt(v['worst'])}"

            dated = " (measured before the calibration fix: k=10 low)" if report["features"][name].get("measured_before") else ""
            lines.append(f"| {name}{dated} | {group.replace('_', ' ')} | {mw('zero_shot', 'auc')} | "
                         + " | ".join(mw(f"k{k}_same_kind", "auc") for k in ks)
                         + f" | {mw('k20_same_kind', 'decided_right', True)} "
                           f"| {mw('k20_same_kind', 'other_reals_turned_fake', True)} "
                           f"| {mw('k20_reals_of_other_kinds', 'reals_called_fake', True)} |")
    if guarded:
        without = report["features"][shipped]["all"]
        columns = [("without the guards", without)] + [(words, g["features"][shipped]["all"]) for words, g in guarded]

        def cell(summary, block, key, pct=True):
            v = (summary.get(block) or {}).get(key)
            fmt = _pct if pct else _f
            return "-" if not v else f"{fmt(v['mean'])} (worst {fmt(v['worst'])})"

        rows = [("reals of another kind: this source's reals turned fake", "k20_reals_of_other_kinds",
                 "reals_called_fake", True),
                ("reals of another kind: AUC", "k20_reals_of_other_kinds", "auc", False),
                ("reals of ONE other kind (the team's case): this source's reals turned fake",
                 "k20_reals_of_one_other_kind", "reals_called_fake", True),
                ("reals of one other kind: AUC", "k20_reals_of_one_other_kind", "auc", False),
                ("same kind: decided right", "k20_same_kind", "decided_right", True),
                ("same kind: fakes called real", "k20_same_kind", "fakes_called_real", True),
                ("same kind: fakes called fake", "k20_same_kind", "fakes_called_fake", True),
                ("same kind: uncertain", "k20_same_kind", "uncertain_share", True),
                ("other kinds' reals turned fake", "k20_same_kind", "other_reals_turned_fake", True)]
        lines += ["", "### The taught detector's guards", "",
                  "Familiarity (core/familiarity.py): a file unlike the real photos a detector was taught with cannot "
                  "be made fake by that detector alone (at most uncertain); 'unlike' is farther than a percentile of "
                  "the taught reals' own leave-one-out distances (97.5th at first, 75th now: a stricter "
                  "check, so more files stay uncertain and fewer reals turn fake). Real-photo bank (core.learn.real_bank): "
                  "the detector's fake threshold is set above its score on every one of 48 licence-clean real photos "
                  "of many kinds. Face rule (core.familiarity.face_gap): a detector whose fakes show faces far more "
                  "often than its real photos (learn warns) cannot make a picture with a face fake alone. k=20, mean "
                  "over sources (targets: reals of another kind turned fake <= 5%, other kinds' reals turned fake "
                  "<= 2%). Commands: `python -m training fewshot --familiarity [--bank] [--face-rule]`; the shipped "
                  "column: `python -m training fewshot --shipped --features efficientnet_lite2`.", "",
                  "| | " + " | ".join(words for words, _ in columns) + " |", "|---|" + "---|" * len(columns)]
        lines += [f"| {label} | " + " | ".join(cell(summary, b, k, p) for _, summary in columns) + " |"
                  for label, b, k, p in rows]
    fam = report.get("shipped_familiarity")
    if fam:
        t = fam["total"]
        lines += ["", "### A familiarity check for the shipped models (issue 33, section 5): measured, not shipped", "",
                  f"Per source left out: per-class statistics of the other sources' {fam['feature_set']} features; a "
                  f"picture farther than the {fam['percentile']:g}th percentile of their validation pictures' "
                  "distances would get \"Uncertain: unlike the pictures these models were trained on\". On the left-out "
                  f"sources' test splits it would have turned {t['wrong_made_uncertain']} of {t['decided_wrong']} wrong "
                  f"decided verdicts uncertain, at the cost of {t['right_made_uncertain']} of "
                  f"{t['decided'] - t['decided_wrong']} right ones.", "",
                  "| source left out | test pictures | called unfamiliar | decided | wrong | wrong made uncertain | right made uncertain |",
                  "|---|---|---|---|---|---|---|"]
        for h, r in fam["per_source"].items():
            lines.append(f"| {h} | {r['test_images']} | {_pct(r['unfamiliar_share'])} | {r['decided']} | "
                         f"{r['decided_wrong']} | {r['wrong_made_uncertain']} | {r['right_made_uncertain']} |")
    return (lines + variants_lines() + embedded_lines() + video_lines() + reals_lines() + reencoded_lines()
            + guard_study_lines())


def embedded_lines() -> list[str]:
    """A face inside a larger picture (`python -m training fewshot_embedded`): what teaching from whole pictures
    loses, against the face's crop."""
    path = REPORTS_DIR / "fewshot_embedded.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    ks = sorted(next(iter(rep["views"].values())))
    share = " to ".join(f"{v:.0%}" for v in rep["face_share"])
    lines = ["", "### A face inside a larger picture", "",
             f"Our face sets are face crops. Here every face of {rep['source']} (real and fake alike) is pasted into "
             f"a licence-clean photo scaled to {rep['long_side']} px, {share} of its shorter side, and taught on the "
             f"yardstick's draws ({rep['draws']} a k), learn's head, test-split AUC. A detector taught from the whole "
             "pictures barely sees the face; taught and tested on the crop around the face (the scan's face views, "
             "which the shipped models read) it does. So `learn` teaches each face a scan would crop beside the "
             "whole picture, and a scan judges a picture with faces by its most suspicious face (the last row; "
             "scored by the higher of face and whole picture, the whole picture's noise costs 0.1). "
             "Command: `python -m training fewshot_embedded`.", "",
             "| what the detector reads | " + " | ".join(f"k={k}" for k in ks) + " |", "|---|" + "---|" * len(ks)]
    lines += [f"| {view} | " + " | ".join(_f(auc[k]) for k in ks) + " |" for view, auc in rep["views"].items()]
    guarded = rep.get("guarded")
    if guarded:
        k = ks[-1]
        g = guarded[k]
        lines += ["", f"With the app's own fit and guards (real-photo bank, familiarity with the taught reals' views), "
                  f"k={k}, mean of the draws: {_pct(g['fakes_called_fake'])} of the test fakes called fake on the "
                  f"detector's own, {_pct(g['reals_turned_fake'])} of the test reals turned fake, and "
                  f"{_pct(g['other_kinds_reals_turned_fake'])} of {g['other_kinds_reals']} real photos of the other "
                  "face sets, pasted the same way, turned fake (target 2% or less); the rest are at most uncertain."]
    per_source = rep.get("guarded_by_source")
    if per_source:
        k = ks[-1]
        lines += ["", f"Each face set taught in turn the same way (k={k}, {rep['draws']} draws; the real test photos of the "
                  "three other face sets pasted alike):", "",
                  "| face set taught | AUC (its test split, by the face) | its test fakes called fake | its test reals "
                  "turned fake | the other sets' reals turned fake | the other sets' reals at the fake threshold (before "
                  "familiarity) |", "|---|---|---|---|---|---|"]
        for source, g in per_source.items():
            g = g[k]
            lines.append(f"| {source} | {_f(g.get('auc'))} | {_pct(g['fakes_called_fake'])} | "
                         f"{_pct(g['reals_turned_fake'])} | "
                         f"{_pct(g['other_kinds_reals_turned_fake'])} of {g['other_kinds_reals']} | "
                         f"{_pct(g['other_kinds_reals_at_fake_threshold'])} |")
        worst = max(g[k]["other_kinds_reals_turned_fake"] for g in per_source.values())
        well = [source for source, g in per_source.items() if (g[k].get("auc") or 0) >= 0.9]
        lines += ["", f"Whichever face set is taught, at most {100 * worst:.1f}% of the other sets' real photos turn fake "
                  f"(target 2% or less). Pasted into photos, {', '.join(well) or 'no face set'} teaches to an AUC of "
                  "0.9 or more; compare each set taught as crops in the first table."]
    return lines


def video_lines() -> list[str]:
    """Teaching from videos (`python -m training fewshot_video`): the videos themselves against one still of each,
    taught and scanned by the app."""
    path = REPORTS_DIR / "fewshot_video.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    share = " to ".join(f"{v:.0%}" for v in rep["face_share"])
    tests = rep["test_videos"]
    lines = ["", "### Teaching from videos", "",
             f"Our data has no videos, so each face of {rep['source']} (real and fake alike) drifts across a "
             f"licence-clean photo ({rep['frame_long_side']} px, the face {share} of its shorter side, its size "
             f"changing a little) for {rep['seconds']:g} s at {rep['fps']:g} frames a second, encoded as MPEG-4. "
             f"Per k, {rep['draws']} draws of the yardstick are taught with the app's own `learn` and the shipped "
             "models: from the videos (each one example; the frames read of each spread over it as a scan spreads "
             f"its {rep['frames_sampled']}), and from one still of each (its middle frame as PNG: what a desk had to "
             "do before). The app "
             f"then scans {tests['fake']} fake and {tests['real']} real videos of the test split. Fakes called fake "
             "and reals turned fake: by the taught detector on its own (its fake threshold, and like its real photos). "
             f"Half-swapped: {tests.get('half_swapped', '-')} real clips whose face is swapped for a fake one from the "
             "middle on, called fake by the taught detector judging a video by its own worst stretch (shipped: "
             "`core.stretch.taught_stretch`) / by the mean of its frames (before). "
             "Command: `python -m training fewshot_video`.", "",
             "| k | taught from | AUC on the scanned videos | its check's AUC | fakes called fake | reals turned fake "
             "| half-swapped called fake: worst stretch / mean | learn took |", "|---|---|---|---|---|---|---|---|"]
    for key, m in rep["summary"].items():
        k, how = key.split(", ", 1)
        lines.append(f"| {k.removeprefix('k=')} | {how} | {_f(m['auc'], 3)} | {_f(m['check_auc'])} | "
                     f"{_pct(m['fakes_called_fake'])} | {_pct(m['reals_turned_fake'])} | "
                     f"{_pct(m.get('half_swapped_called_fake'))} / {_pct(m.get('half_swapped_called_fake_by_the_mean'))} | "
                     f"{m['seconds']:.0f} s |")
    by_k: dict[str, list[float]] = {}
    for key, m in rep["summary"].items():
        by_k.setdefault(key.split(", ", 1)[0], []).append(m["auc"])
    spread = max(max(a) - min(a) for a in by_k.values())
    return lines + ["", f"At each k the AUCs lie within {spread:.3f} of each other: on these clips more frames add "
                        "nothing one still does not have, and every frame is a row of the fit, so `learn` reads 4 frames "
                        "of a video (its time above). Real footage varies more from frame to frame than a face drifting "
                        "across a photo; that is not measured here."]


def reals_lines() -> list[str]:
    """The same fakes taught with more real photos (`python -m training fewshot_reals`): measured, nothing changed."""
    path = REPORTS_DIR / "fewshot_reals.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    mean = rep["mean"]
    if not mean:
        return []
    lines = ["", "### More real photos than fakes (measured, nothing changed)", "",
             f"A desk has few confirmed fakes but many real photos of their kind. The same {rep['fakes']} fakes of each "
             f"source left out ({rep['draws']} draws) taught with one, two and three times as many real photos of that "
             "source (the smaller sets inside the larger), as `learn` teaches them with every guard; mean over the "
             f"{next(iter(mean.values()))['sources']} sources. Command: `python -m training fewshot_reals`.", "",
             "| real photos taught | AUC | fakes called fake | this kind's reals turned fake | other kinds' reals turned "
             "fake |", "|---|---|---|---|---|"]
    lines += [f"| {n} | {_f(m['auc'], 3)} | {_pct(m['fakes_called_fake'])} | {100 * m['reals_turned_fake']:.1f}% | "
              f"{100 * m['other_kinds_reals_turned_fake']:.1f}% |" for n, m in mean.items()]
    first, last = mean[min(mean, key=int)], mean[max(mean, key=int)]
    lines += ["", f"More real photos rank a little better (AUC {first['auc']:.3f} -> {last['auc']:.3f}) and turn fewer of "
              f"their own kind fake ({100 * first['reals_turned_fake']:.1f}% -> {100 * last['reals_turned_fake']:.1f}%), "
              f"while the fakes it calls fake on its own go from {_pct(first['fakes_called_fake'])} to "
              f"{_pct(last['fakes_called_fake'])}: `learn` keeps asking for real photos of the same subjects and sources "
              "rather than for more of them."]
    return lines


def variants_lines() -> list[str]:
    """Which depths and which head teach best (`python -m training fewshot_variants`): measured, not chosen."""
    path = REPORTS_DIR / "fewshot_variants.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    ks = rep["ks"]
    lines = ["", "### Which depths, head and view teach best (measured, nothing chosen)", "",
             f"The yardstick's draws on {rep['features']}, the test split ranked by the head alone (AUC, mean (worst) "
             "over the six sources). Depths by role: early = strides up to 16, late = stride 32, head = the last "
             "1280-wide layer. Views: small pictures (our face sets are 224-300 px crops) enlarged to 448 px a side "
             "before the backbone. Command: `python -m training fewshot_variants`.", "",
             "| variant | " + " | ".join(f"k={k}" for k in ks) + " |", "|---|" + "---|" * len(ks)]
    for group in ("depths", "heads", "views"):
        for name, r in rep.get(group, {}).items():
            lines.append(_variant_row(f"{group[:-1]}: {name}", r, ks))
    return lines + regions_lines(ks) + sbi_lines(ks)


def _variant_row(label: str, r: dict, ks: list[int]) -> str:
    """A row of the variants' table: the AUC's mean (worst source) at each k."""
    return f"| {label} | " + " | ".join(
        f"{_f(r['summary'][str(k)]['mean'])} ({_f(r['summary'][str(k)]['worst'])})" for k in ks) + " |"


def _moves(base: dict, other: dict, k: str, faces_only: bool = False) -> str:
    """Per source at k, the shipped variant's AUC -> another's, in words."""
    return ", ".join(f"{h} {_f(base['per_source'][h][k])} -> {_f(other['per_source'][h][k])}"
                     for h in base["per_source"] if not faces_only or h.startswith("faces/"))


def sbi_lines(ks: list[int]) -> list[str]:
    """The features of EfficientNet-Lite2 fine-tuned on self-blended faces (`python -m training sbi_tune`)."""
    path = REPORTS_DIR / "sbi_tune.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    rows = {name: r for name, r in rep["variants"].items() if name != "shipped"}
    lines = [_variant_row(f"features: {name}", r, ks) for name, r in rows.items()]
    base, both = rep["variants"].get("shipped"), rep["variants"].get("shipped + tuned")
    if base and both:
        k = str(ks[-1])
        moves = _moves(base, both, k, faces_only=True)
        alone = ", ".join(f"{h} {_f(v)}" for h, v in rep.get("head_alone_auc", {}).items())
        lines += ["", "Tuned on self-blends: EfficientNet-Lite2, every layer fine-tuned to tell a real face from a "
                  "self-blended copy of it (SBI; training/selfblend.py) on the two StyleGAN sets' real photos only "
                  f"({rep['steps']} steps of {rep['batch'] // 2} faces and a blend of each, {rep['minutes']:.0f} min "
                  "on 2 cores), so it never saw a face swap nor either face-swap set; its features (every stage's "
                  f"mean and spread) taught alone and beside the shipped ones. Face sets at k={k}, shipped -> shipped "
                  f"+ tuned: {moves}. Its own head, a detector that never saw a fake, zero-shot AUC: {alone}. The "
                  "taught mean moves by less than 0.01 and DFDC not at all, so nothing changes (shipping it would "
                  "also change the base model every taught detector is bound to). Command: `python -m training "
                  "sbi_tune --minutes 30 --extract`."]
    return lines


def regions_lines(ks: list[int]) -> list[str]:
    """Other poolings of the same network (`python -m training fewshot_regions`): rows of the variants' table,
    then what they did to the face sets."""
    path = REPORTS_DIR / "fewshot_regions.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    lines = [_variant_row(f"pooling: {name}", r, ks) for name, r in rep["variants"].items()
             if not name.startswith("shipped (")]
    base = next((r for name, r in rep["variants"].items() if name.startswith("shipped (")), None)
    ring = rep["variants"].get("shipped + centre minus ring")
    if base and ring:
        k = str(ks[-1])
        moves = _moves(base, ring, k)
        lines += ["", f"Poolings: each stage's map (and the head's) averaged over a {rep['grid']} x {rep['grid']} grid "
                  "of cells; centre minus ring is the middle cell less the mean of the eight around it (a face crop's "
                  "face against its surroundings), beside the shipped features. Per source at "
                  f"k={k}, shipped -> with centre minus ring: {moves}. It helps one face-swap set (OpenForensics) "
                  "and no other source, so nothing changes. Command: `python -m training "
                  "fewshot_regions --extract`."]
    return lines


def reencoded_lines() -> list[str]:
    """Taught detectors on re-encoded files, and teaching with re-encoded copies (`python -m training
    fewshot_reencoded`): measured, not shipped unless its rule says so."""
    path = REPORTS_DIR / "fewshot_reencoded.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    tests = {"clean": "files as they are", "jpeg70": "re-encoded at JPEG 70"}
    lines = ["", "### Re-encoded files, and teaching with re-encoded copies (measured, not shipped)", "",
             f"The yardstick's draws on {rep['features']} (same examples), taught three ways and tested on the left-out "
             "source's test split as it is and re-encoded at JPEG 70 (a condition no teaching used): as found (what "
             "`learn` does), with a re-encoded copy of each example beside it (rescaled 0.5-1.0, JPEG 60-95; the "
             "copy in its example's group), and from re-encoded examples only. The head's AUC, mean (worst source); "
             "the app's verdict with the shipped guards: fakes called fake / reals turned fake. Command: "
             "`python -m training fewshot_reencoded`.", "",
             "| k | taught | " + " | ".join(f"AUC, {w}" for w in tests.values()) + " | "
             + " | ".join(f"fakes called fake / reals turned fake, {w}" for w in tests.values()) + " |",
             "|---|---|" + "---|" * (2 * len(tests))]
    for k in rep["ks"]:
        for way, by in rep["summary"][str(k)].items():
            lines.append(f"| {k} | {way} | " + " | ".join(
                f"{_f(by[c]['auc']['mean'], 3)} ({_f(by[c]['auc']['worst'], 3)})" for c in tests) + " | " + " | ".join(
                f"{_pct(by[c]['fakes_called_fake']['mean'])} / {100 * by[c]['reals_turned_fake']['mean']:.1f}%"
                for c in tests) + " |")
    gains = rep.get("paired_gain_of_copies")
    if gains:
        plain = rep["summary"][str(rep["ks"][-1])]["as found"]
        lines += ["", f"A detector taught from files as found keeps its ranking on re-encoded files (k={rep['ks'][-1]}: AUC "
                  f"{plain['clean']['auc']['mean']:.3f} -> {plain['jpeg70']['auc']['mean']:.3f}). "
                  "Paired draw by draw, the copies' AUC gain on files re-encoded at JPEG 70: " + "; ".join(
            f"k={k} {g['jpeg70']['mean']:+.3f} (standard error {g['jpeg70']['se']:.3f}, {g['jpeg70']['pairs']} draws)"
            for k, g in gains.items()) + ". " + ("Within the noise: `learn` teaches the examples as found. "
                                                 if not rep["verdict"]["ship"] else "")
                  + "Our sources' files are JPEGs already, so re-encoding them changes little; a generator whose "
                  "trace a re-encoding erases would be taught fakes with no trace left: on the test suite's synthetic "
                  "generator (a faint pixel grid; tests/core/test_learn.py), the taught detector with copies let 6 of 20 "
                  "new fakes pass under its threshold, against 2 without them."]
    return lines


def guard_study_lines() -> list[str]:
    """Why reals of one other kind turn fake, and what did not fix it (`python -m training guard_study`)."""
    path = REPORTS_DIR / "guard_study.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    plain, aug = rep["summary"].get("plain", {}), rep["summary"].get("augmented")
    bad = sorted(((d["plain"]["reals_turned_fake"], d["source"], d["reals_of"], d["plain"]["reals_familiar"])
                  for d in rep["per_draw"]), reverse=True)[:4]
    lines = ["", "### Why reals of one other kind turn fake (measured, not fixed)", "",
             f"k={rep['k']}, {rep['draws_per_source']} draws a source, each taught as `learn` teaches"
             + (" (held against the real-photo bank)" if rep.get("real_photo_bank") else "") +
             f": the head's own check {_f(plain.get('check_auc'))}, AUC on the source {_f(plain.get('auc'))}; "
             f"{_pct(plain.get('reals_above_fake_threshold'))} of the source's real photos score at or above its fake "
             f"threshold, the familiarity check calls {_pct(plain.get('reals_familiar'))} of them like the taught "
             f"reals, and {_pct(plain.get('reals_turned_fake'))} turn fake (worst source "
             f"{_pct(plain.get('worst_source_reals_turned_fake'))}). The worst draws: "
             + "; ".join(f"{src} taught with reals of {of}: {_pct(t)} turned fake ({_pct(f)} called familiar)"
                         for t, src, of, f in bad) + ". "
             "Two failures: face fakes taught with varied photos (the ImageNet reals), whose spread is so wide that "
             "the familiarity check calls most face crops like them; and face fakes taught with another face set's "
             "reals, where the head learns how each set was made (size, compression) and the check rightly sees "
             "faces like the taught ones.", ""]
    warn = rep["summary"].get("face_warning")
    if warn:
        shares = rep.get("face_share", {})
        same = ", ".join(f"{h} (faces in {_pct(shares[h]['fake'])} of its fakes, {_pct(shares[h]['real'])} of its "
                         f"reals: a true warning)" if h in shares else h
                         for h in warn["same_kind_warned_sources"]) or "none"
        lines += [f"What `learn` says now: when most fakes show a face and few real photos do (or the reverse), it "
                  f"warns that it may learn faces rather than fakes and asks for real photos like the fakes. On these "
                  f"draws it warns on {warn['harmful_warned']} of the {warn['harmful']} that turned 30% or more of the "
                  f"reals fake, {warn['warned']} of {warn['draws']} in all; taught with the same kind's reals it warns "
                  f"on {warn['same_kind_warned']} of {warn['draws']} (sources: {same}).", ""]
    same = rep["summary"].get("same_kind", {})
    if "reals_turned_fake_face_rule" in plain and same:
        lines += [f"Shipped with it (core.familiarity.face_gap): a detector learn warns about (its fakes show faces far "
                  f"more often than its real photos) does not make a picture with a face fake on its own (at most "
                  f"uncertain). On these draws the reals turned fake fall from {_pct(plain['reals_turned_fake'])} to "
                  f"{_pct(plain['reals_turned_fake_face_rule'])} (worst source "
                  f"{_pct(plain['worst_source_reals_turned_fake'])} -> "
                  f"{_pct(plain['worst_source_reals_turned_fake_face_rule'])}); the cost: taught with their own kind's "
                  f"reals, detectors call {_pct(same['fakes_called_fake_face_rule'])} of the fakes fake instead of "
                  f"{_pct(same['fakes_called_fake'])} (the SD 1.5 and text-to-image fakes that show a face stay "
                  f"uncertain, and learn asks for real photos with faces), and turn "
                  f"{_pct(same['reals_turned_fake_face_rule'])} of the reals fake ({_pct(same['reals_turned_fake'])} "
                  "without it). The guards table above measures it with the other guards (its shipped column).", ""]
    if aug:
        lines += [f"Teaching with a re-encoded copy of every example beside it (rescale 0.5-1.0, JPEG 60-95) changed "
                  f"nothing: reals turned fake {_pct(plain.get('reals_turned_fake'))} -> "
                  f"{_pct(aug.get('reals_turned_fake'))}, AUC {_f(plain.get('auc'))} -> {_f(aug.get('auc'))}.", ""]
    lines += ["Other familiarity measures, the same draws (share called familiar; mean, range over draws): the taught "
              "kind's reals and fakes should stay familiar, one other kind's reals should not.", "",
              "| measure | this kind's real photos | this kind's fakes | one other kind's real photos |", "|---|---|---|---|"]
    for name, r in rep["familiarity_measures"].items():
        lines.append(f"| {name} | " + " | ".join(
            f"{_pct(r[key]['mean'])} ({_pct(r[key]['min'])}-{_pct(r[key]['max'])})"
            for key in ("same_kind_reals_familiar", "same_kind_fakes_familiar", "one_other_kind_reals_familiar")) + " |")
    lines += ["", "None is better than the shipped one. Command: `python -m training guard_study` "
              "(training/guard_study.py; the `aug` rows need `python -m training features --backbones "
              "efficientnet_lite2 --conditions aug`)."]
    return lines


def resnet50_section(entry: dict | None) -> list[str]:
    if not entry:
        return []
    loso = entry.get("metrics", {}).get("leave_one_source_out", {})
    lines = ["## ResNet-50 (the second seed paper's network), from scratch", "",
             f"{entry['name']}. {entry['training_data'].get('recipe', '')}. {entry.get('fusion_note', '')}.", "",
             "Leave-one-source-out: each row a run trained the same way, for the same number of steps, without "
             "that source; AUC on its test split, beside the sharpness control. Commands: "
             "`python -m training resnet50 --run loso_<source> --leave-out <source> --steps N` then `--evaluate`.", "",
             "| source left out | AUC (files as they are) | social-media copies | JPEG 70 | sharpness control |",
             "|---|---|---|---|---|"]
    for src, r in loso.items():
        lines.append(f"| {src} | {_f(r.get('clean', {}).get('auc'))} | {_f(r.get('social', {}).get('auc'))} | "
                     f"{_f(r.get('jpeg70', {}).get('auc'))} | {_f(r.get('clean', {}).get('sharpness_auc'))} |")
    ind = entry.get("metrics", {}).get("in_distribution_test_auc", {})
    if ind:
        lines += ["", "In-distribution (test splits of the sources it trained on; says little about new generators): "
                  + ", ".join(f"{k} {_f(v)}" for k, v in ind.items()) + "."]
    runs_path = REPORTS_DIR / "resnet50_runs.json"
    runs = json.loads(runs_path.read_text()) if runs_path.exists() else {}
    if runs.get("longer"):
        lines += ["", "Training longer did not help: each fold resumed to more steps (the cosine schedule restarted "
                  "over the new length), AUC on the source it left out, files as they are / social-media copies / "
                  "JPEG 70:", ""]
        lines += [f"- {src}: " + "; ".join(f"{r['steps']} steps {_f(r.get('clean'))} / {_f(r.get('social'))} / "
                                           f"{_f(r.get('jpeg70'))}" for r in rows) for src, rows in runs["longer"].items()]
    if runs.get("inputs"):
        lines += ["", "Input, the same fold trained the same way for the same steps (files as they are / social-media "
                  "copies / JPEG 70):", ""]
        lines += [f"- {src}: " + "; ".join(f"{r['input']} {_f(r.get('clean'))} / {_f(r.get('social'))} / "
                                           f"{_f(r.get('jpeg70'))}" for r in rows) for src, rows in runs["inputs"].items()]
    q = entry.get("metrics", {}).get("int8")
    if q:
        folds = "; ".join(f"{k.removeprefix('loso_')} AUC {_f(v['auc_fp32'])} fp32 / {_f(v['auc_int8'])} int8, "
                          f"{v['speedup']:.1f}x faster" for k, v in q["loso"].items())
        lines += ["", f"Shipped as static int8 ({q['method']}; largest score difference from fp32 "
                  f"{q['max_abs_diff_vs_fp32']:.3f}): each LOSO fold quantised the same way keeps its AUC "
                  f"({folds}; times side by side on a loaded 2-core machine). Command: `{q['command']}`."]
    teach = REPORTS_DIR / "fewshot_resnet50.json"
    if teach.exists():
        rep = json.loads(teach.read_text())
        lines += ["", "As features for `learn` (its pooled 512 features, each fold's model on the source it left out):", "",
                  "| source left out | " + " | ".join(f"taught k={k} AUC" for k in rep["ks"]) + " |",
                  "|---|" + "---|" * len(rep["ks"])]
        for name, f in rep["features"].items():
            for h, r in f["per_source"].items():
                lines.append(f"| {h} ({name}) | "
                             + " | ".join(_f(_m(_k(r, k).get("same_kind"), "auc")) for k in rep["ks"]) + " |")
    return lines + fusion_lines() + fsd_lines()


def fusion_lines() -> list[str]:
    """Whether ResNet-50's fold scores help the fusion (`python -m training resnet50 --fusion`)."""
    path = REPORTS_DIR / "resnet50_fusion.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    lines = ["", "In the fusion: per source left out, the verdict layer fitted on the other sources' validation "
             "scores with and without ResNet-50's fold scores (the probes fitted on clean rows, as in the few-shot "
             "yardstick's zero-shot column). Command: `python -m training resnet50 --fusion`.", "",
             "| source left out | fused AUC without | with | ResNet-50 alone | its weight |", "|---|---|---|---|---|"]
    for h, r in rep["per_source"].items():
        lines.append(f"| {h} | {_f(r['without']['auc'])} | {_f(r['with']['auc'])} | {_f(r['resnet50_alone_auc'])} | "
                     f"{_f(r['with']['weights'].get('resnet50'))} |")
    lines.append(f"| mean (worst) | {_f(rep['without']['auc_mean'])} ({_f(rep['without']['auc_worst'])}) | "
                 f"{_f(rep['with']['auc_mean'])} ({_f(rep['with']['auc_worst'])}) | | |")
    return lines


def fsd_lines() -> list[str]:
    """Issue 29 item 5: a detector fitted on real photos only (`python -m training fsd`)."""
    path = REPORTS_DIR / "fsd.json"
    if not path.exists():
        return []
    rep = json.loads(path.read_text())
    per = ", ".join(f"{h} {_f(r['auc'])} (sharpness {_f(r['sharpness_auc'])})" for h, r in rep["per_source"].items())
    return ["", "## A detector that never sees a fake (measured, not shipped)", "",
            "Forensic self-descriptions (after FSD, CVPR 2025), trained here on real photos only: four least-squares "
            "residual filters fitted on the licence-clean photos, each picture described by the constrained filter "
            "that predicts its residuals at three scales, a Gaussian mixture fitted on the other sources' real "
            "photos (training/fsd.py; command `python -m training fsd`). Leave-one-source-out AUC: " + per
            + f"; mean {_f(rep['auc']['mean'])}, worst {_f(rep['auc']['worst'])}; with the left-out source's own "
            f"real photos in the mixture: mean {_f(rep['auc_with_its_reals']['mean'])}. Below chance: the real photos "
            "of a source it has not seen lie further from the mixture than that source's fakes do (their cameras and "
            "processing are new to it, the generators' output is smooth and typical). That is the risk the issue "
            "named, met on every source; it is not shipped."]


def kinds_section(report: dict) -> list[str]:
    """Issue 33 section 4: which known kind a file looks most like, and how often that was right."""
    lines = ["## Which known kind of fake a file looks most like", "",
             "One head per kind of fake in our data, fitted as a taught detector is (L2 logistic regression on the "
             f"features `learn` reads, {report['model']}; the kind's fakes against every source's real photos, "
             f"{report['fakes_per_source']} fakes and {report['reals_per_source']} reals a source at most); the kind "
             "whose head scores highest is named beside a fake or uncertain verdict, when that score is at least "
             f"{NAMED_FROM:.0%} (CSV/JSON `resembles`). It never changes a verdict, so the fused verdict's zero-shot and few-shot figures are those above. Three "
             "kinds of two sources each, so that a source left out leaves its kind known. Command: "
             f"`{report['command']}` (writes models/{report['file']}).", "",
             "| source left out | its kind | test fakes | named right (heads fitted without it) | named as "
             + " / ".join(KIND_IDS) + " | in-distribution |", "|---|---|---|---|---|---|"]
    for src, r in report["per_source"].items():
        named = " / ".join(str(r["loso_named"].get(k, 0)) for k in KIND_IDS)
        lines.append(f"| {src} | {r['kind']} | {r['test_fakes']} | {_pct(r['loso_right'])} | {named} | "
                     f"{_pct(r['in_distribution_right'])} |")
    lines += ["", "Per kind (what the app says beside the kind): "
              + ", ".join(f"{k} {_pct(v['loso_right'])} (worst source {_pct(v['loso_right_worst_source'])})"
                          for k, v in report["per_kind"].items()) + ". "
              "Faces against other pictures is mostly the subject, not the trace: the face kinds are told from "
              "diffusion pictures by content. Between the face kinds the trace decides, and OpenForensics' "
              "manipulations, left out, look like GAN faces far more often than like DFDC's swaps. A new kind of "
              "fake is named as the nearest of these three."]
    return lines


def _replace(text: str, name: str, body: list[str], before: str | None) -> str:
    block = "\n".join([MARK.format(name=name), *body, END.format(name=name)]) + "\n"
    pattern = re.compile(re.escape(MARK.format(name=name)) + ".*?" + re.escape(END.format(name=name)) + "\n?", re.S)
    if pattern.search(text):
        return pattern.sub(lambda _: block, text)
    if before and before in text:
        i = text.index(before)
        return text[:i] + block + "\n" + text[i:]
    return text.rstrip("\n") + "\n\n" + block


def _read(name: str) -> dict:
    return json.loads((REPORTS_DIR / name).read_text())


def guard_words(report: dict, shipped: bool = False) -> str:
    """A guarded run's column heading, from the settings the run recorded."""
    words = f"familiarity ({report.get('familiarity_percentile', 97.5):g}th percentile)"
    words += " + real-photo bank" if report.get("bank") else ""
    words += " + face rule" if report.get("face_rule") else ""
    return words + (" (shipped)" if shipped else "")


def guard_runs() -> list[tuple[str, dict]]:
    """(column heading, report) of every guarded run, loosest first: each percentile from the highest, without
    then with the real-photo bank and the face rule; the shipped run (every guard the app applies) last."""
    from training.fewshot import GUARDS_REPORTS

    runs = [_read(p.name) for p in REPORTS_DIR.glob(GUARDS_REPORTS)]
    runs.sort(key=lambda r: (-r.get("familiarity_percentile", 97.5), bool(r.get("bank")), bool(r.get("face_rule"))))
    out = [(guard_words(r), r) for r in runs]
    if (REPORTS_DIR / SHIPPED).exists():
        shipped = _read(SHIPPED)
        out.append((guard_words(shipped, True), shipped))
    return out


def refresh(card: Path, manifest: dict | None = None) -> Path:
    """Rewrite the card's adaptation, known-kinds and ResNet-50 sections from the reports and the manifest."""
    from training import export

    card = Path(card)
    manifest = manifest or json.loads((export.MODELS_DIR / "manifest.json").read_text())
    text = card.read_text(encoding="utf-8")
    report_path = REPORTS_DIR / "fewshot.json"
    if report_path.exists():
        shipped = _read(SHIPPED) if (REPORTS_DIR / SHIPPED).exists() else None
        text = _replace(text, "fewshot", fewshot_section(json.loads(report_path.read_text()), guard_runs(), shipped),
                        "## In plain words")
    kinds_path = REPORTS_DIR / "kinds.json"
    if kinds_path.exists():
        text = _replace(text, "kinds", kinds_section(json.loads(kinds_path.read_text())), "## In plain words")
    entry = next((m for m in manifest["models"] if m["id"] == "resnet50"), None)
    if entry:
        text = _replace(text, "resnet50", resnet50_section(entry), "## Known weak spots")
    card.write_text(text, encoding="utf-8")
    return card
