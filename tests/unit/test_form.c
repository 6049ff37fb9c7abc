#include "test_header.h"
int main(void) { return 0; }
