import FuzzSupport

runFuzzer { data, count in fuzzConfiguration(data, count) }
