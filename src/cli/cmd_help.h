/*
 * cmd_help.h - the help text printed from the tables (cmd_help.c), which also defines
 * the commands help and version (cli.h).
 */
#ifndef TOPC_CMD_HELP_H
#define TOPC_CMD_HELP_H

#include <stdbool.h>
#include <stdio.h>

/* Prints the usage text of a command (to stdout when ok, else stderr). */
int cli_usage(const char *command, bool ok);
/* Prints the list of commands to out and returns status. */
int cli_overview(FILE *out, int status);

#endif
