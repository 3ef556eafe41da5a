// CMariaDB: the C client library as a Swift module (pkg-config libmariadb; Debian package in Package.swift).
#include <mysql.h>
