"""Write the bundled samples that this project makes itself (resources/samples/made/).

    python scripts/make_samples.py        # from a checkout (the face blend uses training/selfblend.py)

- `astronaut_face_blended.jpg`: the real astronaut photo (NASA, public domain) with its face
  self-blended (a jittered copy of the face blended back in, as training/selfblend.py makes the
  face-swap fakes it trains on; seed 0): a manipulated photo made here.
- `gan_labelled_ai.jpg`: the project's own GAN sample 2 with an IPTC DigitalSourceType
  "trainedAlgorithmicMedia" label in its XMP, as generators write it (no C2PA credential).
- `bar_chart.png`: a bar chart drawn here (computer graphics, which the models cannot judge).

Each is deterministic; resources/samples/README.md says what the app says about each.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
       'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">'
       f'<rdf:Description rdf:about="" Iptc4xmpExt:DigitalSourceType="{IPTC}"/></rdf:RDF></x:xmpmeta>')


def face_blended(out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from training.selfblend import FaceFinder, self_blend

    rgb = np.asarray(Image.open(SAMPLES / "real" / "astronaut.png").convert("RGB"))
    Image.fromarray(self_blend(rgb, 0, FaceFinder.shipped()(rgb))).save(out, "JPEG", quality=92)


def labelled(out: Path) -> None:
    Image.open(SAMPLES / "fake" / "gan_sample_2.png").convert("RGB").save(out, "JPEG", quality=92,
                                                                         xmp=XMP.encode())


def chart(out: Path) -> None:
    image = Image.new("RGB", (640, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(60, 20), (60, 360), (620, 360)], fill="black", width=2)
    for i, (value, colour) in enumerate(zip((120, 260, 190, 310, 80), ("#2f6690", "#c0392b", "#9a6700",
                                                                         "#2f6690", "#7b2d8e"))):
        x = 90 + i * 105
        draw.rectangle([x, 360 - value, x + 70, 359], fill=colour)
        draw.text((x + 25, 368), f"Q{i + 1}", fill="black")
    draw.text((260, 24), "Sales by quarter", fill="black")
    image.save(out, "PNG")


def main() -> int:
    made = SAMPLES / "made"
    made.mkdir(exist_ok=True)
    face_blended(made / "astronaut_face_blended.jpg")
    labelled(made / "gan_labelled_ai.jpg")
    chart(made / "bar_chart.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
