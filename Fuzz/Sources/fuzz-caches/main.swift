import FuzzSupport

runFuzzer { data, count in fuzzCaches(data, count) }
