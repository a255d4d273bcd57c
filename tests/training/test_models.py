"""Each detector builds with the seed's layers and takes a training step; the GAN's two steps."""

from __future__ import annotations

import numpy as np

from training import models, train


def _weights(model):
    return [w.copy() for w in model.get_weights()]


def _changed(before, model):
    return any(not np.allclose(a, b) for a, b in zip(before, model.get_weights()))


def _step(model, size):
    import keras

    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")
    rng = np.random.default_rng(0)
    x = rng.random((4, size, size, 3), dtype=np.float32)
    y = np.array([[0], [1], [0], [1]], np.float32)
    before = _weights(model)
    loss = model.train_on_batch(x, y)
    assert np.isfinite(loss)
    assert _changed(before, model)
    p = model.predict(x, verbose=0)
    assert p.shape == (4, 1) and np.all((p >= 0) & (p <= 1))


def test_cnn_is_the_seed_architecture_and_trains():
    model = models.make_cnn()
    convs = [l for l in model.layers if l.__class__.__name__ == "Conv2D"]
    assert [c.filters for c in convs] == [32, 64, 128]
    drops = [l.rate for l in model.layers if l.__class__.__name__ == "Dropout"]
    assert drops == [0.2, 0.3, 0.4, 0.5]
    assert sum(l.__class__.__name__ == "BatchNormalization" for l in model.layers) == 3
    assert model.input_shape == (None, 128, 128, 3)
    _step(model, 128)


def test_discriminator_is_the_seed_architecture_and_trains():
    model = models.make_discriminator()
    convs = [l for l in model.layers if l.__class__.__name__ == "Conv2D"]
    assert [(c.filters, c.kernel_size, c.strides) for c in convs] == [(64, (4, 4), (2, 2)), (128, (4, 4), (2, 2)),
                                                                     (256, (4, 4), (2, 2))]
    _step(model, 128)


def test_generator_makes_128px_images_in_tanh_range():
    g = models.make_generator()
    assert g.input_shape == (None, 100)
    assert sum(l.__class__.__name__ == "Conv2DTranspose" for l in g.layers) == 4
    out = g.predict(np.random.default_rng(0).standard_normal((2, 100)).astype(np.float32), verbose=0)
    assert out.shape == (2, 128, 128, 3) and out.min() >= -1 and out.max() <= 1


def test_gan_steps_train_each_network_separately():
    import keras

    g, d = models.make_generator(), models.make_discriminator()
    g_opt, d_opt = keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(2e-4, beta_1=0.5)
    d_step, g_step = train.gan_steps(g, d, g_opt, d_opt, sample_weight=0.5, n_samples=2)
    x = np.random.default_rng(0).uniform(-1, 1, (4, 128, 128, 3)).astype(np.float32)
    y = np.array([[0], [1], [0], [1]], np.float32)

    g0, d0 = _weights(g), _weights(d)
    supervised, adversarial, p = d_step(x, y)
    assert np.isfinite(float(supervised)) and np.isfinite(float(adversarial)) and p.shape == (4, 1)
    assert _changed(d0, d) and not _changed(g0, g)  # the discriminator step leaves G alone

    g1, d1 = _weights(g), _weights(d)
    loss = g_step(2)
    assert np.isfinite(float(loss))
    assert _changed(g1, g) and not _changed(d1, d)  # the generator step leaves D alone


def test_supervised_discriminator_learns_the_labels():
    """With the labelled term, D separates 'real' and 'fake' inputs it is shown (seed's D could not)."""
    import keras

    g, d = models.make_generator(), models.make_discriminator()
    d_step, _ = train.gan_steps(g, d, keras.optimizers.Adam(2e-4, beta_1=0.5),
                                keras.optimizers.Adam(2e-4, beta_1=0.5), sample_weight=0.5, n_samples=2)
    rng = np.random.default_rng(1)
    real = rng.uniform(-1, 0, (4, 128, 128, 3)).astype(np.float32)
    fake = rng.uniform(0, 1, (4, 128, 128, 3)).astype(np.float32)
    x = np.concatenate([real, fake])
    y = np.array([[0]] * 4 + [[1]] * 4, np.float32)
    for _ in range(8):
        d_step(x, y)
    p = d.predict(x, verbose=0).ravel()
    assert p[4:].mean() > p[:4].mean() + 0.2


def test_batchnorm_recalibration_uses_clean_images_and_restores_the_layers(tmp_path):
    import keras

    from training import data

    model = models.make_cnn()
    bn = next(l for l in model.layers if isinstance(l, keras.layers.BatchNormalization))
    drops = [l.rate for l in model.layers if isinstance(l, keras.layers.Dropout)]
    bn.moving_mean.assign(np.full(bn.moving_mean.shape, 50.0, np.float32))
    rng = np.random.default_rng(0)
    stream = data.Stream(rng.integers(0, 256, (24, 128, 128, 3), dtype=np.uint8), np.zeros(24, np.int64), ["s"] * 24)
    spec = models.CNN_INPUT
    assert train.recalibrate_batchnorm(model, stream, spec, batches=3, batch=8)
    # the first BN's statistics are now those of its input (the first conv's output) on these images
    conv = keras.Model(model.input, model.layers[1].output)
    x = stream.images.astype(np.float32) * spec.scale + spec.offset
    expected = conv.predict(x, verbose=0).mean((0, 1, 2))
    np.testing.assert_allclose(bn.moving_mean.numpy(), expected, rtol=0.1, atol=1e-2)
    assert bn.momentum == 0.99
    assert [l.rate for l in model.layers if isinstance(l, keras.layers.Dropout)] == drops
    assert not train.recalibrate_batchnorm(models.make_discriminator(), stream, spec, batches=1)
