// C shim for ncursesw, so that Swift 6 (strict concurrency) can use it without
// @preconcurrency: the C globals (stdscr, LINES, COLS, COLORS, COLOR_PAIRS, stdin, stdout)
// and the attribute macros are reached through static inline functions instead.
//
// NOTE: SwiftPM does not notice edits to this file alone; touch a Swift file in
// CursesBackend (or remove .build) after changing it.
#ifndef OVERSIGHT_CNCURSES_SHIM_H
#define OVERSIGHT_CNCURSES_SHIM_H

// The wide-character API (get_wch, cchar_t, setcchar, mvadd_wch) is hidden without these.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stdio.h>
#include <stddef.h>
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// wcwidth is invisible to Swift on Linux even through Glibc; declare it.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// MARK: - Globals (Swift 6 rejects direct use of mutable C globals)

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *cn_stdin(void) { return stdin; }
static inline FILE *cn_stdout(void) { return stdout; }

// MARK: - Attributes (macros that do not import)

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }

// MARK: - Key codes (KEY_F(n) is a function-like macro)

static inline int cn_key_f(int n) { return KEY_F(n); }

// MARK: - Terminal capabilities

/// Whether the terminal can move the cursor to a position (terminfo `cup`): tigetstr gives
/// NULL when the terminal lacks it and (char *)-1 when `cup` is not a string capability.
static inline int cn_can_address_cursor(void) {
    char *cup = tigetstr((char *)"cup");
    return cup != NULL && cup != (char *)-1;
}

// MARK: - Locale

/// The codeset of the current LC_CTYPE, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }
static inline int cn_lc_all(void) { return LC_ALL; }

#endif
