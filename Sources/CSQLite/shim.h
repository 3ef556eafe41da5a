// CSQLite: the C client library as a Swift module (pkg-config sqlite3; Debian package in Package.swift).
#include <sqlite3.h>
