import FuzzSupport

runFuzzer { data, count in fuzzDocument(data, count) }
