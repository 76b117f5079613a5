"""er.seterr / er.errstate: the first op that makes a NaN or Inf raises or warns, naming itself and where it ran."""

import threading
import warnings

import numpy as np
import pytest

import eagerrepl as er


@pytest.fixture(autouse=True)
def checks_off():
    yield
    er.seterr(all="ignore")


def test_off_by_default_and_numpy_behaviour_kept():
    assert er.geterr() == {"nan": "ignore", "inf": "ignore"}
    with np.errstate(divide="ignore"):
        assert np.isneginf(er.log(er.constant(0.0)).numpy())


def test_seterr_returns_old_settings_and_they_restore():
    old = er.seterr(nan="raise")
    assert old == {"nan": "ignore", "inf": "ignore"}
    assert er.seterr(**old) == {"nan": "raise", "inf": "ignore"}
    assert er.geterr() == old


def test_bad_mode_is_our_error():
    with pytest.raises(er.InvalidArgumentError, match=r"seterr: nan='loud'.*'raise'"):
        er.seterr(nan="loud")
    assert er.geterr() == {"nan": "ignore", "inf": "ignore"}


def test_raise_names_op_inputs_and_user_line():
    x = er.constant([0.0, 1.0])
    er.seterr(inf="raise")
    with pytest.raises(er.NonFiniteError) as info:
        er.log(x)  # this line is the one named
    err = info.value
    assert isinstance(err, FloatingPointError)
    assert err.op == "log" and err.kind == "Inf"
    assert err.filename == __file__ and err.lineno == info.tb.tb_lineno
    assert "log: produced Inf in 1 of 2 values, from input float32 (2,)" in str(err)
    assert f"test_errstate.py:{err.lineno}" in str(err)


def test_propagating_a_nan_is_not_blamed():
    y = er.constant([np.nan, 1.0])
    with er.errstate(nan="raise"):
        out = er.exp(er.add(y, 1.0))
    assert np.isnan(out.numpy()[0])


def test_nan_from_infinities_is_blamed_when_only_nan_is_checked():
    x = er.constant([np.inf])
    with er.errstate(nan="raise"):
        with pytest.raises(er.NonFiniteError, match="subtract: produced NaN"):
            er.subtract(x, x)


def test_unrecorded_ops_are_checked_too():
    with er.errstate(nan="raise"):
        with pytest.raises(er.NonFiniteError, match="^mod: produced NaN"):
            er.mod(er.constant([1.0]), er.constant([0.0]))


def test_gradient_that_turns_nan_names_the_op_whose_gradient_it_is():
    v = er.constant(0.0)
    with er.errstate(nan="raise"):
        with er.GradientTape() as tape:
            tape.watch(v)
            z = er.sqrt(v) * 0.0  # finite forward pass: sqrt(0) * 0 = 0
        with pytest.raises(er.NonFiniteError, match=r"divide: produced NaN \(in the gradient of sqrt\)"):
            tape.gradient(z, v)


def test_check_also_runs_while_a_tape_records():
    v = er.constant([0.0])
    with er.errstate(inf="raise"), er.GradientTape() as tape:
        tape.watch(v)
        with pytest.raises(er.NonFiniteError) as info:
            er.log(v)
    assert info.value.output.numpy()[0] == -np.inf


def test_warn_once_per_op_and_no_numpy_duplicate():
    x = er.constant([0.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with er.errstate(all="warn"):
            er.log(x)
            er.log(x)
            er.divide(1.0, x)
    kinds = [(w.category, str(w.message).split(":")[0]) for w in caught]
    assert kinds == [(er.NonFiniteWarning, "log"), (er.NonFiniteWarning, "divide")]
    assert issubclass(er.NonFiniteWarning, RuntimeWarning)
    assert caught[0].filename == __file__


@pytest.mark.cpu_only  # numpy's own floating-point warnings: CuPy's kernels raise none
def test_numpy_warnings_come_back_after_the_block():
    with er.errstate(inf="raise"):
        pass
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        er.log(er.constant([0.0]))
    assert [w.category for w in caught] == [RuntimeWarning]


def test_errstate_is_a_decorator_and_restores_after_an_error():
    @er.errstate(nan="raise")
    def f():
        assert er.geterr()["nan"] == "raise"
        raise KeyError("boom")

    with pytest.raises(KeyError):
        f()
    assert er.geterr() == {"nan": "ignore", "inf": "ignore"}


def test_settings_are_per_thread():
    er.seterr(nan="raise")
    seen = []

    def other():
        with np.errstate(invalid="ignore"):  # numpy's own state is per thread too
            seen.append((er.geterr(), er.subtract(er.constant(np.inf), np.inf)))

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen[0][0] == {"nan": "ignore", "inf": "ignore"}
    assert np.isnan(seen[0][1].numpy())


def test_a_failed_check_leaves_gradients_working_after():
    with er.errstate(nan="raise"):
        with pytest.raises(er.NonFiniteError):
            er.subtract(er.constant(np.inf), np.inf)
    x = er.constant(3.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    assert tape.gradient(y, x).numpy() == 6.0
