"""Many runs answering one question: sweeps (spec, executors, store), comparisons, sensitivity,
explanations, dose-response, plausible worlds and calibration.

They call the engine; the presentation and the interfaces call them.
"""
