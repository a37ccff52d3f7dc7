import FuzzSupport

runFuzzer { data, count in fuzzPeople(data, count) }
