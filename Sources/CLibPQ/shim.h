// CLibPQ: the C client library as a Swift module (pkg-config libpq; Debian package in Package.swift).
#include <libpq-fe.h>
