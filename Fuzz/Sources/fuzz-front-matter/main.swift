import FuzzSupport

runFuzzer { data, count in fuzzFrontMatter(data, count) }
