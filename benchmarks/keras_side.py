"""The seed's Keras loop, run in its own process (the app never imports TensorFlow).

    python benchmarks/keras_side.py seed LIST_FILE [--models cnn,gan,resnet50] [--tiny]
        The seed's way: the seed papers' models (untrained: speed does not depend on the
        weights), Keras model.predict image by image (load_img at the model's size, /255),
        printing one JSON line with images/s.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _detectors(tiny: bool) -> dict:
    """id -> (make_model, InputSpec): the seed papers' models (seed 000's CNN and GAN
    discriminator, seed 002's ResNet-50 at 224 px). --tiny: one small stand-in so the
    smoke mode takes seconds."""
    import keras
    from keras import layers

    from training import models

    if not tiny:
        def make_resnet50(size: int = 224) -> keras.Model:
            """Seed 002: keras.applications ResNet-50 + sigmoid."""
            inputs = keras.Input((size, size, 3), name="image")
            backbone = keras.applications.ResNet50(weights=None, include_top=False, input_tensor=inputs, pooling="avg")
            return keras.Model(inputs, layers.Dense(1, activation="sigmoid")(backbone.output))

        return {"cnn": (models.make_cnn, models.CNN_INPUT), "gan": (models.make_discriminator, models.GAN_INPUT),
                "resnet50": (make_resnet50, models.InputSpec(224, 1 / 255.0, 0.0))}

    def make_tiny(size: int = 32) -> keras.Model:
        inputs = keras.Input((size, size, 3), name="image")
        x = layers.Conv2D(4, 3, strides=2, activation="relu")(inputs)
        x = layers.GlobalAveragePooling2D()(x)
        return keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))

    return {"cnn": (make_tiny, models.InputSpec(32, 1 / 255.0, 0.0))}


def seed_loop(list_file: Path, model_ids: list[str], tiny: bool) -> dict:
    """images/s of the seed's loop: for each image, for each model, load_img + predict(batch of 1)."""
    import keras
    import numpy as np

    paths = [p for p in list_file.read_text().splitlines() if p]
    built = {mid: (make(spec.size), spec) for mid, (make, spec) in _detectors(tiny).items() if mid in model_ids}
    first = paths[0]
    for model, spec in built.values():  # warm-up: graph tracing is not per image
        x = keras.utils.img_to_array(keras.utils.load_img(first, target_size=(spec.size, spec.size))) / 255.0
        model.predict(np.expand_dims(x, 0), verbose=0)
    started = time.perf_counter()
    for path in paths:
        for model, spec in built.values():
            img = keras.utils.load_img(path, target_size=(spec.size, spec.size))
            x = keras.utils.img_to_array(img) / 255.0
            model.predict(np.expand_dims(x, 0), verbose=0)
    seconds = time.perf_counter() - started
    return {"images": len(paths), "seconds": seconds, "images_per_s": len(paths) / seconds,
            "models": sorted(built), "tensorflow": __import__("tensorflow").__version__}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["seed"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--models", default="cnn,gan,resnet50")
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args()
    print(json.dumps(seed_loop(args.path, args.models.split(","), args.tiny)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
