/*
 * Checking and quoting the values `hull harden` copies from an image's
 * config or a compose file into the lines it prints.
 *
 * Those values are hostile: a user "app$(touch x)" must not run when the
 * printed line is pasted into a shell, a newline must not start a new
 * option, an escape sequence must not reach the terminal, a quote must
 * not break the YAML.  Each value is first checked against what it can
 * legally be; one that passes is then quoted for its destination.
 */
#ifndef HULL_CLI_HARDEN_VALUE_H
#define HULL_CLI_HARDEN_VALUE_H

#include <stdbool.h>

#include "core/buf.h"

/* A user: a name or uid of [A-Za-z0-9_.-], optionally ":group" or ":gid";
 * neither part may start with '-'. */
bool harden_user_is_valid(const char *user);

/*
 * An image reference per the distribution reference grammar:
 * [domain[:port] "/"] path-component ("/" path-component)* [":" tag]
 * ["@" algorithm ":" hex{32,}], the name at most 255 characters.
 */
bool harden_ref_is_valid(const char *ref);

/* A container or service name: [A-Za-z0-9][A-Za-z0-9_.-]*. */
bool harden_name_is_valid(const char *name);

/* A container port: decimal 1 to 65535. */
bool harden_port_is_valid(const char *port);

/*
 * A path for a volume or tmpfs: absolute, valid UTF-8 without control
 * characters (C0, DEL, C1), and without ':' or ',' (the separators of
 * `-v` and `--tmpfs`).
 */
bool harden_path_is_valid(const char *path);

/* s is valid UTF-8 holding no C0 control, DEL or C1 control. */
bool harden_text_is_printable(const char *s);

/*
 * Append s as one shell word: as is when every byte is in
 * [A-Za-z0-9_./:@,=+%-], else in single quotes with each ' as '\''.
 */
void harden_add_shell_word(struct buf *out, const char *s);

/*
 * Append s as a YAML double-quoted scalar: \ and " escaped, a control
 * character as \xNN (C0, DEL) or \uNNNN (C1).
 */
void harden_add_yaml_string(struct buf *out, const char *s);

#endif
