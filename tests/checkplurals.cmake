# ctest english_plurals: every "%n" message in the English .ts has both
# plural forms filled (translations/fill-english-plurals.py does most).
# Without them English users would read "1 appointment(s)".
file(READ "${TS}" ts)
string(REGEX MATCHALL "<message numerus=\"yes\">[^<]*<source>[^<]*</source>[^<]*<translation type=\"unfinished\">" unfinished "${ts}")
string(REGEX MATCHALL "<numerusform></numerusform>" empty "${ts}")
list(LENGTH unfinished count)
list(LENGTH empty emptyCount)
if(count GREATER 0 OR emptyCount GREATER 0)
    string(REGEX REPLACE "<[^>]*>" "" names "${unfinished}")
    message(FATAL_ERROR "English plural forms missing in ${TS} (run translations/fill-english-plurals.py after lupdate):\n${names}")
endif()
message(STATUS "All English plural forms are filled.")
