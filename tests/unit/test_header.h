/* Common includes for the cmocka unit tests. */
#ifndef TOPC_TEST_HEADER_H
#define TOPC_TEST_HEADER_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#endif
