import FuzzSupport

runFuzzer { data, count in fuzzSearch(data, count) }
