"""The benchmark (make bench) and the load test (make load): see run.py and load.py."""
