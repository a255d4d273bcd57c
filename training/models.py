"""The seed's two detectors as functional Keras models (tf2onnx cannot export Keras 3 Sequential).

Every detector outputs one sigmoid per image: the probability that it is FAKE.
Each `make_*` is the seed's architecture (../shared/DESIGN.md section 2); what changed
from the seed is the training recipe (train.py), not these layers.
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
from keras import layers

LATENT_DIM = 100


@dataclass(frozen=True)
class InputSpec:
    """How a model's input is made from an RGB image, as the manifest's `preprocess` says:
    shorter side resized to `resize_short_side`, a `crop` of size x size, x = pixel*scale+offset.
    Training takes random crops within `jitter` pixels of the centre crop.
    """

    size: int
    scale: float
    offset: float
    resize_short_side: int | None = 256
    crop: str = "center"  # or "resize": the whole image resized to size x size
    jitter: int | None = 32


# Whole images resized to 128 px (the seed's input). Native-resolution centre crops were
# tried first (DESIGN.md 4: resizing erases traces): on this shared CPU the CNN stayed at
# validation AUC 0.54 after 5 epochs of them, while the GAN's discriminator on whole
# resized images reached 0.66 in one; the shipped CNN was continued on whole images.
CNN_INPUT = InputSpec(128, 1 / 255.0, 0.0, resize_short_side=None, crop="resize", jitter=None)  # seed: [0, 1]
CNN_CENTRE_CROP_INPUT = InputSpec(128, 1 / 255.0, 0.0)  # the first 5 epochs of the shipped CNN
# The GAN's discriminator sees whole images resized to 128 px, like its generator's
# samples and like the seed; [-1, 1] is the generator's tanh range.
GAN_INPUT = InputSpec(128, 1 / 127.5, -1.0, resize_short_side=None, crop="resize", jitter=None)
def make_cnn(size: int = CNN_INPUT.size) -> keras.Model:
    """The seed CNN exactly: three conv/BN/pool/dropout blocks, Dense 128, sigmoid."""
    inputs = keras.Input((size, size, 3), name="image")
    x = inputs
    for filters, drop in ((32, 0.2), (64, 0.3), (128, 0.4)):
        x = layers.Conv2D(filters, 3, activation="relu")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(drop)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(128, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(1, activation="sigmoid", name="probability_fake")(x)
    return keras.Model(inputs, outputs, name="cnn")


def make_generator(latent_dim: int = LATENT_DIM) -> keras.Model:
    """Seed generator: latent -> Dense 8x8x256 -> four Conv2DTranspose -> 128x128x3 in [-1, 1]."""
    z = keras.Input((latent_dim,), name="latent")
    x = layers.Dense(8 * 8 * 256)(z)
    x = layers.LeakyReLU(negative_slope=0.2)(x)
    x = layers.Reshape((8, 8, 256))(x)
    for filters in (128, 64, 32):
        x = layers.Conv2DTranspose(filters, 4, strides=2, padding="same")(x)
        x = layers.LeakyReLU(negative_slope=0.2)(x)
    image = layers.Conv2DTranspose(3, 4, strides=2, padding="same", activation="tanh", name="image")(x)
    return keras.Model(z, image, name="generator")


def make_discriminator(size: int = GAN_INPUT.size) -> keras.Model:
    """Seed discriminator: three strided convs with LeakyReLU .2 and dropout .3, sigmoid."""
    inputs = keras.Input((size, size, 3), name="image")
    x = inputs
    for filters in (64, 128, 256):
        x = layers.Conv2D(filters, 4, strides=2, padding="same")(x)
        x = layers.LeakyReLU(negative_slope=0.2)(x)
        x = layers.Dropout(0.3)(x)
    x = layers.Flatten()(x)
    outputs = layers.Dense(1, activation="sigmoid", name="probability_fake")(x)
    return keras.Model(inputs, outputs, name="discriminator")


DETECTORS = {
    "cnn": (make_cnn, CNN_INPUT),
    "gan": (make_discriminator, GAN_INPUT),
}
