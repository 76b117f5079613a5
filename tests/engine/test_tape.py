"""GradientTape: TF's tape behaviours, one test each."""

import threading

import numpy as np
import pytest

import eagerrepl as er


def value(t):
    return np.asarray(t.numpy())


def test_gradient_of_watched_tensor():
    x = er.constant(3.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    assert tape.gradient(y, x).numpy() == 6.0


def test_unwatched_tensor_gets_none():
    x = er.constant(3.0)
    with er.GradientTape() as tape:
        y = x * x
    assert tape.gradient(y, x) is None


def test_trainable_variable_is_watched_when_read():
    v = er.Variable(2.0)
    with er.GradientTape() as tape:
        y = v * v * v
    assert tape.gradient(y, v).numpy() == 12.0
    assert tape.watched_variables() == (v,)


def test_non_trainable_variable_is_not_watched():
    v = er.Variable(2.0, trainable=False)
    with er.GradientTape() as tape:
        y = v * 3.0
    assert tape.gradient(y, v) is None
    assert tape.watched_variables() == ()


def test_watch_accessed_variables_false_watches_only_what_is_asked():
    a, b = er.Variable(1.0), er.Variable(2.0)
    with er.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(a)
        y = a * b
    assert tape.watched_variables() == (a,)
    ga, gb = tape.gradient(y, [a, b])
    assert ga.numpy() == 2.0 and gb is None


def test_second_gradient_on_non_persistent_tape_raises():
    x = er.constant(1.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * 2
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match="only be called once"):
        tape.gradient(y, x)


def test_persistent_tape_gives_several_gradients():
    x = er.constant(3.0)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * y
    assert tape.gradient(y, x).numpy() == 6.0
    assert tape.gradient(z, x).numpy() == 108.0  # 4 x^3


def test_nested_structures_are_mirrored():
    x, y = er.constant(1.0), er.constant(2.0)
    with er.GradientTape() as tape:
        tape.watch({"x": x, "pair": (y,)})
        z = x * y
    grads = tape.gradient(z, {"x": x, "pair": (y,)})
    assert set(grads) == {"x", "pair"}
    assert grads["x"].numpy() == 2.0 and isinstance(grads["pair"], tuple) and grads["pair"][0].numpy() == 1.0


def test_list_of_targets_adds_their_gradients():
    x = er.constant(2.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        a, b = x * x, x * 3
    assert tape.gradient([a, b], x).numpy() == 7.0


def test_non_scalar_target_is_summed():
    x = er.constant([1.0, 2.0, 3.0])
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    np.testing.assert_array_equal(value(tape.gradient(y, x)), [2.0, 4.0, 6.0])


def test_output_gradients_weight_the_target():
    x = er.constant([1.0, 2.0])
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    g = tape.gradient(y, x, output_gradients=[10.0, 100.0])
    np.testing.assert_array_equal(value(g), [20.0, 400.0])


def test_output_gradients_of_wrong_shape_are_an_error():
    x = er.constant([1.0, 2.0])
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    with pytest.raises(ValueError, match="output_gradients of shape"):
        tape.gradient(y, x, output_gradients=[1.0, 2.0, 3.0])


def test_unconnected_gradients_none_or_zero():
    x, u = er.constant(1.0), er.constant([1.0, 2.0])
    with er.GradientTape(persistent=True) as tape:
        tape.watch([x, u])
        y = x * 2
    assert tape.gradient(y, u) is None
    np.testing.assert_array_equal(value(tape.gradient(y, u, unconnected_gradients="zero")), [0.0, 0.0])
    zero = tape.gradient(y, u, unconnected_gradients=er.UnconnectedGradients.ZERO)
    assert zero.shape == (2,) and zero.dtype == er.float32


def test_integer_source_gets_none():
    n = er.constant(3)
    x = er.constant(2.0)
    with er.GradientTape() as tape:
        tape.watch([n, x])
        y = er.cast(n, er.float32) * x
    gn, gx = tape.gradient(y, [n, x], unconnected_gradients="zero")
    assert gn is None and gx.numpy() == 3.0


def test_gradient_does_not_flow_through_an_integer_cast():
    x = er.constant(2.7)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = er.cast(er.cast(x, er.int32), er.float32) * x
    assert tape.gradient(y, x).numpy() == pytest.approx(2.0)  # only the direct path


def test_stop_recording_pauses_the_tape():
    x = er.constant(3.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        with tape.stop_recording():
            z = y * x  # treated as a constant use of y
        w = y + z
    assert tape.gradient(w, x).numpy() == 6.0


def test_reset_forgets_the_recording():
    x = er.constant(3.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        tape.reset()
        tape.watch(x)
        y = x * 5
    assert tape.gradient(y, x).numpy() == 5.0


def test_watch_refuses_python_numbers():
    with er.GradientTape() as tape:
        with pytest.raises(ValueError, match="can only watch Tensors and Variables"):
            tape.watch(3.0)


def test_gradient_with_respect_to_an_intermediate_tensor():
    x = er.constant(2.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        z = y * 3
    gy, gx = tape.gradient(z, [y, x])
    assert gy.numpy() == 3.0 and gx.numpy() == 12.0


def test_gradient_only_for_requested_sources_among_several_watched():
    a, b = er.constant(2.0), er.constant(5.0)
    with er.GradientTape() as tape:
        tape.watch([a, b])
        y = a * a * b
    assert tape.gradient(y, a).numpy() == 20.0


def test_nested_tapes_give_second_derivative():
    x = er.constant(2.0)
    with er.GradientTape() as outer:
        outer.watch(x)
        with er.GradientTape() as inner:
            inner.watch(x)
            y = x ** 3
        dy = inner.gradient(y, x)
    assert dy.numpy() == 12.0
    assert outer.gradient(dy, x).numpy() == 12.0  # 6 x


# --- gradients taken inside tapes' blocks: TF's GradientTape documentation cases -------------------

def test_tf_doc_nested_tapes_gradient_inside_the_inner_block():
    x = er.constant(5.0)
    with er.GradientTape() as g:
        g.watch(x)
        with er.GradientTape() as gg:
            gg.watch(x)
            y = x * x
            dy_dx = gg.gradient(y, x)  # inside gg's block: recorded on g
    d2y_dx2 = g.gradient(dy_dx, x)
    assert dy_dx.numpy() == 10.0 and d2y_dx2.numpy() == 2.0


def test_tf_doc_nested_tapes_gradient_after_the_inner_block():
    x = er.constant(5.0)
    with er.GradientTape() as g:
        g.watch(x)
        with er.GradientTape() as gg:
            gg.watch(x)
            y = x * x
        dy_dx = gg.gradient(y, x)
    d2y_dx2 = g.gradient(dy_dx, x)
    assert dy_dx.numpy() == 10.0 and d2y_dx2.numpy() == 2.0


def test_tf_doc_second_derivative_of_a_variable():
    x = er.Variable(1.0)
    with er.GradientTape() as t2:
        with er.GradientTape() as t1:
            y = x * x * x
        dy_dx = t1.gradient(y, x)
    d2y_dx2 = t2.gradient(dy_dx, x)
    assert dy_dx.numpy() == 3.0 and d2y_dx2.numpy() == 6.0


def test_persistent_tape_records_the_gradients_taken_inside_its_block():
    x = er.constant(3.0)
    with er.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * x * x
        dy = g.gradient(y, x)  # 3 x^2
        d2y = g.gradient(dy, x)  # 6 x
    d3y = g.gradient(d2y, x)  # 6
    assert (dy.numpy(), d2y.numpy(), d3y.numpy()) == (27.0, 18.0, 6.0)
    assert g.gradient(y, x).numpy() == 27.0  # the forward record is still there, and usable again


def test_gradients_inside_blocks_in_any_order():
    x = er.constant(2.0)
    with er.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with er.GradientTape(persistent=True) as inner:
            inner.watch(x)
            y = x ** 3
            dy = outer.gradient(y, x)  # the outer tape's gradient, inside the inner block: recorded on both
            d2y = inner.gradient(dy, x)
        d3y = outer.gradient(d2y, x)
    assert (dy.numpy(), d2y.numpy(), d3y.numpy()) == (12.0, 12.0, 6.0)
    assert inner.gradient(d2y, x).numpy() == 6.0


def test_non_persistent_tape_stops_recording_at_a_gradient_inside_its_block():
    x = er.constant(2.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        assert tape.gradient(y, x).numpy() == 4.0
        z = y * x  # as in TF: the tape no longer records
        with pytest.raises(RuntimeError, match="only be called once"):
            tape.gradient(z, x)
    assert len(tape.record.nodes) == 0 and tape.record.freed


def test_jacobian_inside_an_outer_tape():
    x = er.constant([1.0, 2.0, 3.0])
    with er.GradientTape() as outer:
        outer.watch(x)
        with er.GradientTape() as inner:
            inner.watch(x)
            y = x * x * x
        j = inner.jacobian(y, x)  # diag(3 x^2)
    np.testing.assert_allclose(value(j), np.diag([3.0, 12.0, 27.0]))
    np.testing.assert_allclose(value(outer.gradient(j, x)), [6.0, 12.0, 18.0])  # d/dx sum(j) = 6 x


def test_tf_doc_hessian_of_a_loss_by_a_jacobian_of_a_gradient():
    w = er.Variable([[1.0, -2.0], [0.5, 3.0]])
    x = er.constant([[1.0, 2.0], [-1.0, 0.5], [2.0, 1.0]])
    with er.GradientTape() as t2:
        with er.GradientTape() as t1:
            loss = er.reduce_mean(er.matmul(x, w) ** 2)
        g = t1.gradient(loss, w)
    h = t2.jacobian(g, w)
    assert h.shape == (2, 2, 2, 2)
    # loss = mean over (3, 2) of (x w)^2: d2 loss / dw[a,b] dw[c,d] = 2/6 * [b == d] * sum_i x[i,a] x[i,c]
    xx = x.numpy().T @ x.numpy()
    expected = np.einsum("ac,bd->abcd", xx, np.eye(2)) / 3
    np.testing.assert_allclose(value(h), expected, rtol=1e-6)


def test_persistent_batch_jacobian_inside_its_block():
    x = er.constant([[1.0, 2.0], [3.0, 4.0]])
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        j = tape.batch_jacobian(y, x)  # per example diag(2 x)
    np.testing.assert_allclose(value(j), [np.diag([2.0, 4.0]), np.diag([6.0, 8.0])])
    np.testing.assert_allclose(value(tape.gradient(j, x)), np.full((2, 2), 2.0))


def test_unconnected_gradients_refuses_unknown_values():
    x = er.constant([1.0, 2.0])
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * 2
    for api in ("gradient", "jacobian"):
        with pytest.raises(ValueError, match=r"unconnected_gradients='nonsense' is not one of 'none' and 'zero'"):
            getattr(tape, api)(y, x, unconnected_gradients="nonsense")
    with pytest.raises(ValueError, match="unconnected_gradients=None"):
        tape.gradient(y, x, unconnected_gradients=None)
    for ok in ("none", "zero", er.UnconnectedGradients.NONE, er.UnconnectedGradients.ZERO):
        np.testing.assert_array_equal(value(tape.gradient(y, x, unconnected_gradients=ok)), [2.0, 2.0])


def test_unconnected_zero_leaves_no_read_on_an_outer_persistent_tape():
    v, u = er.Variable(1.0, name="v"), er.Variable(2.0, name="u")
    with er.GradientTape(persistent=True) as outer:
        with er.GradientTape() as inner:
            y = v * 3.0
        gv, gu = inner.gradient(y, [v, u], unconnected_gradients="zero")
    assert gv.numpy() == 3.0 and gu.numpy() == 0.0
    assert outer.watched_variables() == (v,)
    assert [node.op for node in outer.record.nodes] == ["read", "multiply"]


def test_tape_cannot_be_entered_twice():
    tape = er.GradientTape()
    with tape:
        with pytest.raises(RuntimeError, match="already recording"):
            with tape:
                pass


def test_jacobian():
    x = er.constant([1.0, 2.0, 3.0])
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    j = tape.jacobian(y, x)
    np.testing.assert_array_equal(value(j), np.diag([2.0, 4.0, 6.0]))


def test_jacobian_of_matrix_function_has_joined_shape():
    w = er.Variable(np.arange(6.0).reshape(2, 3))
    x = er.constant(np.ones((4, 2)))
    with er.GradientTape() as tape:
        y = er.matmul(x, w)
    j = tape.jacobian(y, w)
    assert j.shape == (4, 3, 2, 3)
    expected = np.einsum("ik,jl->ijkl", np.ones((4, 2)), np.eye(3))
    np.testing.assert_allclose(value(j), expected)


def test_batch_jacobian():
    x = er.constant(np.arange(6.0).reshape(3, 2))
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x * 0.5
    j = tape.batch_jacobian(y, x)
    assert j.shape == (3, 2, 2)
    for b in range(3):
        np.testing.assert_allclose(value(j)[b], np.diag(np.arange(6.0).reshape(3, 2)[b]))


def test_tapes_are_per_thread():
    x = er.constant(2.0)
    seen = []
    with er.GradientTape() as tape:
        tape.watch(x)
        worker = threading.Thread(target=lambda: seen.append(er.multiply(x, x)))
        worker.start()
        worker.join()
        y = x * 3
    assert len(tape.record.nodes) == 1  # the other thread's op was not recorded here
    assert tape.gradient(y, x).numpy() == 3.0


def test_no_tape_records_nothing():
    from eagerrepl.engine import tape as tape_module
    assert tape_module.state.tapes == []
    x = er.constant(1.0)
    y = x * x
    assert tape_module.state.tapes == [] and y.numpy() == 1.0


def test_non_persistent_tape_releases_tensors_after_gradient():
    import gc
    import weakref
    x = er.constant(np.ones(1000))
    with er.GradientTape() as tape:
        tape.watch(x)
        hidden = x * 2
        y = er.reduce_sum(hidden * hidden)
    ref = weakref.ref(hidden)
    del hidden
    gc.collect()
    assert ref() is not None  # the tape holds it until the gradient is taken
    tape.gradient(y, x)
    gc.collect()
    assert ref() is None


# --- the read-only record ---------------------------------------------------------------------------

def test_record_lists_the_ops_in_the_order_they_ran():
    x = er.constant([1.0, 2.0])
    w = er.Variable([3.0, 4.0], name="w")
    with er.GradientTape() as tape:
        tape.watch(x)
        h = x * w
        y = er.reduce_sum(h, axis=0)
    nodes = tape.record.nodes
    assert [node.op for node in nodes] == ["read", "multiply", "reduce_sum"]
    read, multiply, reduce = nodes
    assert read.inputs == (w,) and multiply.inputs[0] is x and multiply.inputs[1] is read.output
    assert multiply.output is h and reduce.output is y and reduce.inputs == (h,)
    assert dict(reduce.params) == {"axis": (0,), "keepdims": False}
    assert tape.record.watched == (x, w)


def test_record_is_read_only():
    x = er.constant(1.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        er.reduce_sum(x * x)
    record = tape.record
    with pytest.raises(TypeError):
        record.nodes[-1].params["axis"] = 0
    with pytest.raises(AttributeError):
        record.nodes[0].op = "add"
    with pytest.raises(AttributeError):
        record.nodes = ()
    with pytest.raises(TypeError):
        record.nodes[0] = None
    assert len(tape.record.nodes) == 2


def test_record_says_what_the_tape_tracks():
    x, c = er.constant(1.0), er.constant(2.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * c
        z = c * c
    assert [tape.record.tracks(t) for t in (x, y, c, z)] == [True, True, False, False]


def test_record_keeps_node_gradients_only_when_asked():
    def run(keep):
        x = er.constant([1.0, 2.0])
        tape = er.GradientTape()
        tape.keep_node_gradients = keep
        with tape:
            tape.watch(x)
            h = x * 3.0
            y = er.reduce_sum(h * h)
        gx = tape.gradient(y, x)
        return tape, x, h, gx

    tape, x, h, gx = run(keep=True)
    np.testing.assert_allclose(tape.record.gradient(h).numpy(), [6.0, 12.0])  # dy/dh = 2h
    assert tape.record.gradient(x) is gx and not tape.record.freed
    assert len(tape.record.nodes) == 3  # the record survives gradient()
    tape, x, h, gx = run(keep=False)
    assert tape.record.gradient(h) is None and len(tape.record.nodes) == 0 and tape.record.freed


def test_a_persistent_tape_is_never_freed():
    x = er.constant(2.0)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    assert not tape.record.freed and [node.op for node in tape.record.nodes] == ["multiply"]


def test_reset_forgets_the_record_and_the_gradients_kept():
    x = er.constant(2.0)
    tape = er.GradientTape(persistent=True)
    tape.keep_node_gradients = True
    with tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    assert tape.record.gradient(y) is not None
    tape.reset()
    assert len(tape.record.nodes) == 0 and tape.record.watched == () and tape.record.gradient(y) is None
