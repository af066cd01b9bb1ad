#!/usr/bin/env node
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/ignore/index.js
var require_ignore = __commonJS({
  "node_modules/ignore/index.js"(exports, module) {
    function makeArray(subject) {
      return Array.isArray(subject) ? subject : [subject];
    }
    var UNDEFINED = void 0;
    var EMPTY = "";
    var SPACE = " ";
    var ESCAPE = "\\";
    var REGEX_LITERAL_SPECIAL = /[.*+?()[\]{}^$|\\/]/;
    var BOM = "\uFEFF";
    var REGEX_ANCHORED_GLOBSTAR = /^\/\*{2,}$/;
    var REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION = /^\\!/;
    var REGEX_REPLACE_LEADING_EXCAPED_HASH = /^\\#/;
    var REGEX_SPLITALL_CRLF = /\r?\n/g;
    var DOUBLE_SLASH = "//";
    var SLASH_CODE = 47;
    var DOT_CODE = 46;
    var SLASH = "/";
    var TMP_KEY_IGNORE = "node-ignore";
    if (typeof Symbol !== "undefined") {
      TMP_KEY_IGNORE = /* @__PURE__ */ Symbol.for("node-ignore");
    }
    var KEY_IGNORE = TMP_KEY_IGNORE;
    var define = (object, key, value) => {
      Object.defineProperty(object, key, { value });
      return value;
    };
    var RETURN_FALSE = () => false;
    var POSIX_CLASSES = {
      alnum: "0-9A-Za-z",
      alpha: "A-Za-z",
      blank: " \\t",
      cntrl: "\\x00-\\x1f\\x7f",
      digit: "0-9",
      graph: "!-.0-~",
      lower: "a-z",
      print: " -.0-~",
      punct: "!-.:-@\\[-`{-~",
      // git's `sane-ctype.h` classifies \v and \f as control, not space,
      //   unlike C's `isspace`
      space: " \\t\\n\\r",
      upper: "A-Z",
      xdigit: "0-9A-Fa-f"
    };
    var CLASS_MEMBERS_TO_ESCAPE = "\\]^-[";
    var escapeMember = (char) => CLASS_MEMBERS_TO_ESCAPE.indexOf(char) < 0 ? char : ESCAPE + char;
    var NON_SLASH = "(?!\\/)";
    var classSource = (negated, body) => {
      if (negated) {
        return `[^\\/${body}]`;
      }
      const source = `[${body}]`;
      return new RegExp(source).test("/") ? NON_SLASH + source : source;
    };
    var scanBracket = (pattern, start2) => {
      const { length } = pattern;
      let index = start2 + 1;
      let negated = EMPTY;
      const lead = pattern[index];
      if (lead === "!" || lead === "^") {
        negated = "^";
        index++;
      }
      let body = EMPTY;
      let prev = EMPTY;
      for (; ; ) {
        const char = pattern[index];
        if (char === UNDEFINED) {
          return null;
        }
        if (char === ESCAPE) {
          const escaped = pattern[++index];
          body += escapeMember(escaped);
          prev = escaped;
        } else if (char === "-" && prev && index + 1 < length && pattern[index + 1] !== "]") {
          index++;
          let to = pattern[index];
          if (to === ESCAPE) {
            to = pattern[index += 1];
          }
          if (prev <= to) {
            body += `-${escapeMember(to)}`;
          }
          prev = EMPTY;
        } else if (char === "[" && pattern[index + 1] === ":") {
          const nameStart = index + 2;
          let end = nameStart;
          while (end < length && pattern[end] !== "]") {
            end++;
          }
          if (end === length) {
            return null;
          }
          if (end > nameStart && pattern[end - 1] === ":") {
            const name = pattern.slice(nameStart, end - 1);
            if (!Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name)) {
              return null;
            }
            body += POSIX_CLASSES[name];
            prev = EMPTY;
            index = end;
          } else {
            body += escapeMember("[");
            prev = "[";
            index = nameStart - 2;
          }
        } else {
          body += escapeMember(char);
          prev = char;
        }
        index++;
        if (pattern[index] === "]") {
          return {
            end: index,
            source: classSource(negated, body)
          };
        }
      }
    };
    var NEVER_MATCH = "[]";
    var PLACEHOLDER = "\0";
    var REGEX_RESTORE_PLACEHOLDER = new RegExp(
      `${PLACEHOLDER}(\\d+)${PLACEHOLDER}`,
      "g"
    );
    var TRAILING_WILDCARD = "\uE000";
    var TRAILING_DOUBLESTAR = "\uE001";
    var isReserved = (char) => char === PLACEHOLDER || char === TRAILING_WILDCARD || char === TRAILING_DOUBLESTAR;
    var extractBrackets = (pattern) => {
      const sources = [];
      const hold = (source) => `${PLACEHOLDER}${sources.push(source) - 1}${PLACEHOLDER}`;
      const { length } = pattern;
      let out = EMPTY;
      let index = 0;
      while (index < length) {
        const char = pattern[index];
        if (char === ESCAPE) {
          const escaped = pattern[index + 1];
          if (escaped === SLASH && index + 2 === length) {
            out += hold(NEVER_MATCH);
          } else if (escaped === "*" || escaped === "[" || escaped === SPACE) {
            out += pattern.slice(index, index + 2);
          } else {
            out += hold(
              REGEX_LITERAL_SPECIAL.test(escaped) ? ESCAPE + escaped : isReserved(escaped) ? `[${escaped}]` : escaped
            );
          }
          index += 2;
        } else if (isReserved(char)) {
          out += hold(`[${char}]`);
          index++;
        } else if (char === "[") {
          const scanned = scanBracket(pattern, index);
          if (scanned === null) {
            out += hold(NEVER_MATCH);
            index = length;
          } else {
            out += hold(scanned.source);
            index = scanned.end + 1;
          }
        } else {
          out += char;
          index++;
        }
      }
      return {
        source: out,
        sources
      };
    };
    var DIRECT = null;
    var REGEX_INNER_SLASH = /\/(?!$)/;
    var WILDCARD = "[^\\/]*";
    var REPLACERS = [
      // Replace (\ ) with ' '
      // Only a space: an escaped tab or other whitespace is already a literal by
      //   the time it reaches here, and a bare tab must be left as one, not turned
      //   into a space.
      // (\ ) -> ' '
      // (\\ ) -> '\\ '
      // (\\\ ) -> '\\ '
      [
        // A run of backslashes is taken whole, from its first one, so no match
        //   ever starts again inside it -- `(\\+?) ` did, which made a long run
        //   quadratic.
        /(\\+)( ?)/g,
        (_, run2, space) => space ? run2.slice(0, run2.length - run2.length % 2) + SPACE : run2,
        ESCAPE + SPACE
      ],
      // git's wildmatch() reads a run of two or more asterisks as one globstar
      //   whenever the run fills a path segment: it starts the pattern or follows
      //   a `/`, and it ends the pattern or comes before a `/`. A run of two is
      //   already `**`; a longer one is folded into `**` here, so the steps
      //   below only ever have to know `**`.
      // `***/foo` -> `**/foo`, `a/***/b` -> `a/**/b`, `a/***` -> `a/**`
      // git also takes a run beside a literal prefix (`a***/b`) or beside an
      //   escaped slash (`***\/b`) as a globstar, and this does not; the README
      //   lists both, under "A run of asterisks".
      [
        /(^|\/)\*{3,}(?=\/|$)/g,
        (_, start2) => `${start2}**`,
        "*"
      ],
      // Escape metacharacters
      // which is written down by users but means special for regular expressions.
      // > There are 12 characters with special meanings:
      // > - the backslash \,
      // > - the caret ^,
      // > - the dollar sign $,
      // > - the period or dot .,
      // > - the vertical bar or pipe symbol |,
      // > - the question mark ?,
      // > - the asterisk or star *,
      // > - the plus sign +,
      // > - the opening parenthesis (,
      // > - the closing parenthesis ),
      // > - and the opening square bracket [,
      // > - the opening curly brace {,
      // > These special characters are often called "metacharacters".
      [
        /[\\$.|*+(){^]/g,
        (match) => `\\${match}`
      ],
      [
        // > a question mark (?) matches a single character
        /(?!\\)\?/g,
        () => "[^/]",
        "?"
      ],
      // leading slash
      [
        // > A leading slash matches the beginning of the pathname.
        // > For example, "/*.c" matches "cat-file.c" but not "mozilla-sha1/sha1.c".
        // A leading slash matches the beginning of the pathname
        /^\//,
        () => "^",
        SLASH
      ],
      // replace special metacharacter slash after the leading slash
      [
        /\//g,
        () => "\\/",
        SLASH
      ],
      [
        // > A leading "**" followed by a slash means match in all directories.
        // > For example, "**/foo" matches file or directory "foo" anywhere,
        // > the same as pattern "foo".
        // > "**/foo/bar" matches file or directory "bar" anywhere that is directly
        // >   under directory "foo".
        // Notice that the '*'s have been replaced as '\\*'
        /^\^*(?:\\\*\\\*\\\/)+/,
        // '**/foo' <-> 'foo'
        () => "(?:^|\\/)",
        "*"
      ],
      // starting
      [
        // there will be no leading '/'
        //   (which has been replaced by section "leading slash")
        // If starts with '**', adding a '^' to the regular expression also works
        DIRECT,
        (source, pattern) => {
          if (!source || source[0] === "^" || source[0] === "(") {
            return source;
          }
          const anchor = !REGEX_INNER_SLASH.test(pattern) ? "(?:^|\\/)" : "^";
          return anchor + source;
        }
      ],
      // two globstars
      [
        // Use lookahead assertions so that we could match more than one `'/**'`
        /\\\/\\\*\\\*(?=\\\/|$)/g,
        // Zero, one or several directories
        // should not use '*', or it will be replaced by the next replacer
        // Check if it is not the last `'/**'`
        (_, index, str) => index + 6 < str.length ? str.slice(index + 6) === "\\/" ? "(?:\\/[^\\/]+)+" : "(?:\\/[^\\/]+)*" : `\\/${TRAILING_DOUBLESTAR}`,
        "*"
      ],
      // normal intermediate wildcards
      [
        // Never replace escaped '*'
        // ignore rule '\*' will match the path '*'
        // 'abc.*/' -> go
        // 'abc.*'  -> skip this rule,
        //    coz trailing single wildcard will be handed by [trailing wildcard]
        /(^|[^\\])(?:\\\*)+(?!$)/g,
        // '*.js' matches '.js'
        // '*.js' doesn't match 'abc'
        // 1. An asterisk "*" matches anything except a slash.
        // 2. Other consecutive asterisks are considered regular asterisks
        //    and collapse into one non-slash wildcard run.
        (_, p1) => p1 + WILDCARD,
        "*"
      ],
      // trailing wildcard, held apart from a literal star
      [
        // The step above leaves a trailing `*` alone, so a single `\*` is all that
        //   can be left at the end here, and what stands in front of it says which
        //   kind it is. A wildcard arrives as the escaper wrote it, `\*` with
        //   nothing before it; a literal arrives as the user's own escape, which
        //   the escaper doubled, and then the star's own -- `\\` and then `\*`.
        //   There is no third case: every backslash still reaching the chain is
        //   one `\*`, `\[` or `\ ` carries itself, and each is followed by its
        //   own character, so a longer run can never form. This runs while the
        //   two are still distinct, before the unescape steps below collapse the
        //   literal onto the very `\*` a wildcard leaves behind.
        /(^|[^\\])((?:\\\\)*)\\\*$/,
        (match, p1, p2) => p2 === EMPTY ? p1 + TRAILING_WILDCARD : match,
        "*"
      ],
      [
        // unescape, revert step 3 except for back slash
        // For example, if a user escape a '\\*',
        // after step 3, the result will be '\\\\\\*'
        /\\\\\\(?=[$.|*+(){^])/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // '\\\\' -> '\\'
        /\\\\/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // Every real bracket expression -- POSIX classes included -- has already
        //   been held aside by `extractBrackets`, so the only `[` left in the
        //   pattern is an escaped, literal one.
        // A backslash could only stand at the end of the range if it quoted the
        //   `]`, and `\]` is held aside long before this.
        /\\\[([^\]/]*?)($|\])/g,
        // '\\[bar]' -> '\\\\[bar]'
        (match, range, close) => `\\[${range}${close}`,
        "["
      ],
      // ending
      [
        // 'js' will not match 'js.'
        // 'ab' will not match 'abc'
        DIRECT,
        // WTF!
        // https://git-scm.com/docs/gitignore
        // changes in [2.22.1](https://git-scm.com/docs/gitignore/2.22.1)
        // which re-fixes #24, #38
        // > If there is a separator at the end of the pattern then the pattern
        // > will only match directories, otherwise the pattern can match both
        // > files and directories.
        // 'js*' will not match 'a.js'
        // 'js/' will not match 'a.js'
        // 'js' will match 'a.js' and 'a.js/'
        (source) => {
          const last = source[source.length - 1];
          if (!last || last === TRAILING_WILDCARD || last === TRAILING_DOUBLESTAR) {
            return source;
          }
          return last === SLASH ? `${source}$` : `${source}(?=$|\\/$)`;
        }
      ]
    ];
    var REGEX_REPLACE_TRAILING_WILDCARD = /(^|\\\/)?\uE000$/;
    var MODE_IGNORE = "regex";
    var MODE_CHECK_IGNORE = "checkRegex";
    var UNDERSCORE = "_";
    var replaceTrailingWildcard = (_, p1) => {
      const prefix = p1 ? `${p1}[^/]+` : "[^/]*";
      return `${prefix}(?=$|\\/$)`;
    };
    var REGEX_REPLACE_TRAILING_DOUBLESTAR = /\uE001$/;
    var replaceTrailingDoublestar = () => "[\\s\\S]";
    var separatorAfter = (run2, at) => {
      let separator = EMPTY;
      for (let index = at + 1; index < run2.length && !run2[index].wildcard; index++) {
        separator += run2[index].single;
      }
      return separator;
    };
    var pinWildcards = (source) => {
      if (source.indexOf(WILDCARD) < 0) {
        return source;
      }
      const tokens = [];
      const { length } = source;
      let index = 0;
      while (index < length) {
        const char = source[index];
        if (source.startsWith(WILDCARD, index)) {
          tokens.push({ wildcard: true });
          index += WILDCARD.length;
        } else if (char === "[") {
          let end = index + 1;
          if (source[end] === "^") {
            end++;
          }
          if (source[end] === "]") {
            end++;
          }
          while (end < length && source[end] !== "]") {
            end += source[end] === ESCAPE ? 2 : 1;
          }
          end++;
          tokens.push({ single: source.slice(index, end) });
          index = end;
        } else if (char === ESCAPE) {
          tokens.push({ single: source.slice(index, index + 2) });
          index += 2;
        } else if (char === "(") {
          let depth = 0;
          let end = index;
          do {
            if (source[end] === ESCAPE) {
              end++;
            } else if (source[end] === "(") {
              depth++;
            } else if (source[end] === ")") {
              depth--;
            }
            end++;
          } while (end < length && depth > 0);
          if ("*+?".indexOf(source[end]) >= 0) {
            end++;
          }
          tokens.push({ boundary: source.slice(index, end) });
          index = end;
        } else if (char === "^" || char === "$") {
          tokens.push({ boundary: char });
          index++;
        } else {
          tokens.push({ single: char });
          index++;
        }
      }
      let out = EMPTY;
      let run2 = [];
      const flush = () => {
        let lastWildcard;
        run2.forEach((token, at) => {
          if (token.wildcard) {
            lastWildcard = at;
          }
        });
        run2.forEach((token, at) => {
          if (!token.wildcard) {
            out += token.single;
            return;
          }
          out += at === lastWildcard ? WILDCARD : `(?:(?!${separatorAfter(run2, at)})[^\\/])*`;
        });
        run2 = [];
      };
      tokens.forEach((token) => {
        if (token.boundary === void 0) {
          run2.push(token);
          return;
        }
        flush();
        out += token.boundary;
      });
      flush();
      return out;
    };
    var makeRegexPrefix = (pattern) => {
      if (REGEX_ANCHORED_GLOBSTAR.test(pattern)) {
        pattern = "**";
      }
      const { source, sources } = extractBrackets(pattern);
      const replaced = REPLACERS.reduce(
        // A pass whose matcher finds nothing hands back the very string it was
        //   given, so asking first costs a search and saves a rewrite. Ten of the
        //   fifteen passes never fire for a typical .gitignore line, and between
        //   them they were 45% of this chain.
        (prev, [matcher, replacer, required]) => {
          if (matcher === DIRECT) {
            return replacer(prev, pattern);
          }
          if (required !== UNDEFINED && prev.indexOf(required) < 0) {
            return prev;
          }
          return matcher.test(prev) ? prev.replace(matcher, replacer.bind(pattern)) : prev;
        },
        source
      );
      return sources.length ? replaced.replace(
        REGEX_RESTORE_PLACEHOLDER,
        (match, index) => sources[index]
      ) : replaced;
    };
    var checkSourceOf = (body, prefix) => {
      if (body[body.length - 1] === SLASH) {
        prefix = makeRegexPrefix(body.slice(0, -1));
      }
      const head = prefix.slice(0, -1);
      const last = prefix[prefix.length - 1];
      return last === TRAILING_WILDCARD ? `${head}$` : last === TRAILING_DOUBLESTAR ? head : NEVER_MATCH;
    };
    var matchesBasename = (body) => {
      const index = body.indexOf(SLASH);
      return index < 0 || index === body.length - 1;
    };
    var basenameOf = (path) => {
      const end = path.length - 1;
      const index = path.lastIndexOf(
        SLASH,
        path[end] === SLASH ? end - 1 : end
      );
      return index < 0 ? path : path.slice(index + 1);
    };
    var parentOf = (path) => {
      if (path.charCodeAt(0) === SLASH_CODE || path.indexOf(DOUBLE_SLASH) >= 0) {
        const slices = path.split(SLASH).filter(Boolean);
        slices.pop();
        return slices.length ? slices.join(SLASH) + SLASH : EMPTY;
      }
      const end = path.length - 1;
      const cut = path.lastIndexOf(
        SLASH,
        path.charCodeAt(end) === SLASH_CODE ? end - 1 : end
      );
      return cut < 0 ? EMPTY : path.slice(0, cut + 1);
    };
    var isString = (subject) => typeof subject === "string";
    var checkPattern = (pattern) => pattern && isString(pattern);
    var splitPattern = (pattern) => (pattern[pattern.length - 1] === "\r" ? pattern.slice(0, -1) : pattern).split(REGEX_SPLITALL_CRLF).filter(Boolean);
    var IgnoreRule = class {
      constructor(pattern, mark, body, ignoreCase, negative, prefix) {
        this.pattern = pattern;
        this.mark = mark;
        this.negative = negative;
        define(this, "body", body);
        define(this, "ignoreCase", ignoreCase);
        define(this, "regexPrefix", prefix);
      }
      // Worked out on first use and kept behind an own property, the way `regex`
      //   caches itself in `_regex`. Deciding it in the constructor instead would
      //   add a fourth `defineProperty` to every rule ever built, which cost 4% of
      //   every compile -- including the compiles of rules that are never matched
      //   against anything.
      get _basenameOnly() {
        return define(this, "_basenameOnly", matchesBasename(this.body));
      }
      get regex() {
        const key = UNDERSCORE + MODE_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_IGNORE, key);
      }
      get checkRegex() {
        const key = UNDERSCORE + MODE_CHECK_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_CHECK_IGNORE, key);
      }
      _make(mode, key) {
        const str = pinWildcards(
          mode === MODE_IGNORE ? this.regexPrefix.replace(REGEX_REPLACE_TRAILING_WILDCARD, replaceTrailingWildcard).replace(REGEX_REPLACE_TRAILING_DOUBLESTAR, replaceTrailingDoublestar) : checkSourceOf(this.body, this.regexPrefix)
        );
        const regex = this.ignoreCase ? new RegExp(str, "i") : new RegExp(str);
        return define(this, key, regex);
      }
    };
    var hasTrailingBackslash = (str) => {
      let count = 0;
      while (str[str.length - count - 1] === ESCAPE) {
        count++;
      }
      return count % 2 === 1;
    };
    var trimEnd = (body, stripLineEnd) => {
      let lineEnd = body.length;
      let end;
      for (; ; ) {
        if (stripLineEnd && body[lineEnd - 1] === "\r") {
          lineEnd--;
        }
        end = lineEnd;
        while (body[end - 1] === SPACE) {
          end--;
        }
        if (!stripLineEnd || body[end - 1] !== "\n") {
          break;
        }
        lineEnd = end - 1;
      }
      if (end === lineEnd) {
        return body.slice(0, lineEnd);
      }
      let backslashes = 0;
      while (body[end - backslashes - 1] === ESCAPE) {
        backslashes++;
      }
      return backslashes % 2 ? body.slice(0, end - 1) + SPACE : body.slice(0, end);
    };
    var createRule = (pattern, mark, ignoreCase, stripLineEnd, stripBOM) => {
      let body = stripBOM && pattern[0] === BOM ? pattern.slice(1) : pattern;
      if (body[0] === "#") {
        return;
      }
      let negative = false;
      if (body[0] === "!") {
        negative = true;
        body = body.slice(1);
      }
      const last = body[body.length - 1];
      if (last === SPACE || stripLineEnd && (last === "\r" || last === "\n")) {
        body = trimEnd(body, stripLineEnd);
      }
      if (!body || hasTrailingBackslash(body)) {
        return;
      }
      body = body.replace(REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION, "!").replace(REGEX_REPLACE_LEADING_EXCAPED_HASH, "#");
      const regexPrefix = makeRegexPrefix(body);
      return new IgnoreRule(
        pattern,
        mark,
        body,
        ignoreCase,
        negative,
        regexPrefix
      );
    };
    var RuleManager = class {
      constructor(ignoreCase) {
        this._ignoreCase = ignoreCase;
        this._rules = [];
        this._basenameCount = 0;
      }
      _add(pattern, index) {
        if (pattern && pattern[KEY_IGNORE]) {
          this._rules = this._rules.concat(pattern._rules._rules);
          this._basenameCount += pattern._rules._basenameCount;
          this._added = true;
          return;
        }
        const isStr = isString(pattern);
        const raw = isStr ? pattern : pattern.pattern;
        const rule = checkPattern(raw) && createRule(
          raw,
          isStr ? UNDEFINED : pattern.mark,
          this._ignoreCase,
          !this._split,
          this._stripBOM && !index
        );
        if (rule) {
          this._added = true;
          this._rules.push(rule);
          if (matchesBasename(rule.body)) {
            this._basenameCount++;
          }
        }
      }
      // @param {Array<string> | string | Ignore} pattern
      add(pattern) {
        this._added = false;
        this._split = isString(pattern);
        this._stripBOM = !this._split || pattern[0] === BOM;
        makeArray(
          this._split ? splitPattern(pattern) : pattern
        ).forEach(this._add, this);
        if (this._added) {
          this._literalRules = UNDEFINED;
        }
        return this._added;
      }
      // Match the literal 'abc/' for `checkIgnore`, last rule wins. Only a rule
      //   ending in a wildcard can match it (see `checkSourceOf`), so the rest
      //   are left out once, rather than tested or compiled for every path.
      testLiteral(path) {
        const rules = this._literalRules || (this._literalRules = this._rules.filter(
          ({ body }) => body[body.length - (body[body.length - 1] === SLASH ? 2 : 1)] === "*"
        ));
        let ignored = false;
        let unignored = false;
        let matchedRule;
        for (let index = rules.length - 1; index >= 0; index--) {
          const rule = rules[index];
          if (rule.checkRegex.test(path)) {
            ignored = !rule.negative;
            unignored = rule.negative;
            matchedRule = rule.negative ? UNDEFINED : rule;
            break;
          }
        }
        const ret = {
          ignored,
          unignored
        };
        if (matchedRule) {
          ret.rule = matchedRule;
        }
        return ret;
      }
      // Test one single path without recursively checking parent directories
      //
      // - mode `string` either `MODE_IGNORE` or `MODE_CHECK_IGNORE`
      // @returns {TestResult}
      test(path, mode) {
        const rules = this._rules;
        const { length } = rules;
        const shortcut = this._basenameCount * 2 >= length;
        const basename = shortcut ? basenameOf(path) : path;
        for (let index = length - 1; index >= 0; index--) {
          const rule = rules[index];
          if (rule[mode].test(
            shortcut && rule._basenameOnly ? basename : path
          )) {
            const { negative } = rule;
            const ret = {
              ignored: !negative,
              unignored: negative
            };
            if (!negative) {
              ret.rule = rule;
            }
            return ret;
          }
        }
        return {
          ignored: false,
          unignored: false
        };
      }
    };
    var throwError = (message, Ctor) => {
      throw new Ctor(message);
    };
    var checkPath = (path, originalPath, doThrow) => {
      if (!isString(path)) {
        return doThrow(
          `path must be a string, but got \`${originalPath}\``,
          TypeError
        );
      }
      if (!path) {
        return doThrow(`path must not be empty`, TypeError);
      }
      if (checkPath.isNotRelative(path)) {
        const r = "`path.relative()`d";
        return doThrow(
          `path should be a ${r} string, but got "${originalPath}"`,
          RangeError
        );
      }
      return true;
    };
    var isNotRelative = (path) => {
      const first = path.charCodeAt(0);
      if (first === SLASH_CODE) {
        return true;
      }
      if (first !== DOT_CODE) {
        return false;
      }
      if (path.length === 1) {
        return true;
      }
      const second = path.charCodeAt(1);
      if (second === SLASH_CODE) {
        return true;
      }
      if (second !== DOT_CODE) {
        return false;
      }
      return path.length === 2 || path.charCodeAt(2) === SLASH_CODE;
    };
    checkPath.isNotRelative = isNotRelative;
    checkPath.convert = (p) => p;
    var convertPath = (target) => isString(target) && checkPath.convert(target);
    var Ignore = class {
      constructor({
        ignorecase = true,
        ignoreCase = ignorecase,
        allowRelativePaths = false
      } = {}) {
        define(this, KEY_IGNORE, true);
        this._rules = new RuleManager(ignoreCase);
        this._strictPathCheck = !allowRelativePaths;
        this._initCache();
      }
      _initCache() {
        this._ignoreCache = /* @__PURE__ */ Object.create(null);
        this._testCache = /* @__PURE__ */ Object.create(null);
      }
      add(pattern) {
        if (this._rules.add(pattern)) {
          this._initCache();
        }
        return this;
      }
      // legacy
      addPattern(pattern) {
        return this.add(pattern);
      }
      // @returns {TestResult}
      _test(originalPath, cache, path) {
        checkPath(
          path,
          originalPath,
          this._strictPathCheck ? throwError : RETURN_FALSE
        );
        return path ? this._t(path, cache) : {
          ignored: false,
          unignored: false
        };
      }
      checkIgnore(target) {
        const path = convertPath(target);
        if (!path || path.charCodeAt(path.length - 1) !== SLASH_CODE) {
          return this._test(target, this._testCache, path);
        }
        const dir = this._t(path, this._testCache);
        if (dir.ignored) {
          return dir;
        }
        const literal = this._rules.testLiteral(path);
        return literal.ignored || literal.unignored ? literal : dir;
      }
      _t(path, cache) {
        if (path in cache) {
          return cache[path];
        }
        const parentPath = parentOf(path);
        const parent = parentPath ? this._t(parentPath, cache) : UNDEFINED;
        return cache[path] = parent && parent.ignored ? parent : this._rules.test(path, MODE_IGNORE);
      }
      ignores(path) {
        return this._test(path, this._ignoreCache, convertPath(path)).ignored;
      }
      createFilter() {
        return (path) => !this.ignores(path);
      }
      filter(paths) {
        return makeArray(paths).filter(this.createFilter());
      }
      // @returns {TestResult}
      test(path) {
        return this._test(path, this._testCache, convertPath(path));
      }
    };
    var factory = (options) => new Ignore(options);
    var isPathValid = (path) => checkPath(convertPath(path), path, RETURN_FALSE);
    var setupWindows = () => {
      const makePosix = (str) => /^\\\\\?\\/.test(str) || /["<>|\u0000-\u001F]+/u.test(str) ? str : str.replace(/\\/g, "/");
      checkPath.convert = makePosix;
      const REGEX_TEST_WINDOWS_PATH_ABSOLUTE = /^[a-z]:\//i;
      checkPath.isNotRelative = (path) => REGEX_TEST_WINDOWS_PATH_ABSOLUTE.test(path) || isNotRelative(path);
    };
    if (
      // Detect `process` so that it can run in browsers.
      typeof process !== "undefined" && process.platform === "win32"
    ) {
      setupWindows();
    }
    module.exports = factory;
    factory.default = factory;
    module.exports.isPathValid = isPathValid;
    define(module.exports, /* @__PURE__ */ Symbol.for("setupWindows"), setupWindows);
  }
});

// js/wasm.js
import { existsSync, readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

// target/wasm-bindgen/fixity.js
var Bytes = class {
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    BytesFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_bytes_free(ptr, 0);
  }
  /**
   * Room for `capacity` bytes, the size the file had (more may come).
   * @param {number} capacity
   */
  constructor(capacity) {
    const ret = wasm.bytes_new(capacity);
    this.__wbg_ptr = ret;
    BytesFinalization.register(this, this.__wbg_ptr, this);
    return this;
  }
  /**
   * @param {Uint8Array | number[]} piece
   */
  push(piece) {
    const ptr0 = passArray8ToWasm0(piece, wasm.__wbindgen_malloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.bytes_push(this.__wbg_ptr, ptr0, len0);
  }
};
if (Symbol.dispose) Bytes.prototype[Symbol.dispose] = Bytes.prototype.free;
var Checker = class {
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    CheckerFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_checker_free(ptr, 0);
  }
  /**
   * Checks one file; `kind` (a kind name from `kinds()`) overrides classification.
   * @param {string} path
   * @param {Uint8Array | number[]} bytes
   * @param {string | null} [kind]
   */
  addFile(path, bytes, kind) {
    let ptr0, len0, ptr1, len1, ptr2, len2;
    try {
      ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
      len1 = WASM_VECTOR_LEN;
      ptr2 = isLikeNone(kind) ? 0 : passStringToWasm0(kind, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len2 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr2) {
        wasm.__wbindgen_free(ptr2, len2 * 1, 1);
      }
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    wasm.checker_addFile(this.__wbg_ptr, ptr0, len0, ptr1, len1, ptr2, len2);
  }
  /**
   * Checks a file the user named (a path given, standard input): its content may tell any kind. Returns
   * whether it was a manifest fixity checks.
   * @param {string} path
   * @param {Uint8Array | number[]} bytes
   * @param {string | null} [kind]
   * @returns {boolean}
   */
  addNamedFile(path, bytes, kind) {
    let ptr0, len0, ptr1, len1, ptr2, len2;
    try {
      ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
      len1 = WASM_VECTOR_LEN;
      ptr2 = isLikeNone(kind) ? 0 : passStringToWasm0(kind, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len2 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr2) {
        wasm.__wbindgen_free(ptr2, len2 * 1, 1);
      }
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    const ret = wasm.checker_addNamedFile(this.__wbg_ptr, ptr0, len0, ptr1, len1, ptr2, len2);
    return ret !== 0;
  }
  /**
   * Records a file too large to read.
   * @param {string} path
   * @param {number} bytes
   */
  addOversized(path, bytes) {
    const val2 = +bytes;
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_addOversized(this.__wbg_ptr, ptr0, len0, val2);
  }
  /**
   * Takes in a file's analysis from a worker (`analyzeFile`), in the order the files were found;
   * returns whether it was a manifest fixity checks.
   * @param {Uint8Array | number[]} json
   * @returns {boolean}
   */
  addResult(json) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passArray8ToWasm0(json, wasm.__wbindgen_malloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_addResult(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      if (r2) {
        throw takeFromExternrefTable0(r1);
      }
      return r0 !== 0;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * A worker's share of `addFile` (`named`: of `addNamedFile`): the file's analysis as JSON bytes, for
   * the run's checker to take in with `addResult`. Bytes rather than a string: they cross to the main
   * thread without being decoded, copied and encoded again (a worker transfers their buffer).
   * @param {string} path
   * @param {Uint8Array | number[]} bytes
   * @param {boolean} named
   * @returns {Uint8Array}
   */
  analyzeFile(path, bytes, named) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val3 = +named;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_analyzeFile(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1, val3);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      if (r3) {
        throw takeFromExternrefTable0(r2);
      }
      var v4 = getArrayU8FromWasm0(r0, r1).slice();
      wasm.__wbindgen_free(r0, r1 * 1, 1);
      return v4;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * A worker's share of `addOversized`, as `analyzeFile` gives it.
   * @param {string} path
   * @param {number} bytes
   * @returns {Uint8Array}
   */
  analyzeOversized(path, bytes) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val2 = +bytes;
      const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_analyzeOversized(retptr, this.__wbg_ptr, ptr0, len0, val2);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      if (r3) {
        throw takeFromExternrefTable0(r2);
      }
      var v3 = getArrayU8FromWasm0(r0, r1).slice();
      wasm.__wbindgen_free(r0, r1 * 1, 1);
      return v3;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The annotations for GitHub as JSON `[{level, message, properties?}]`: what `--format github` prints,
   * for the Action to emit through `@actions/core`.
   * @returns {string}
   */
  annotations() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_annotations(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * A baseline recording every finding so far, whatever baseline is in use (`--write-baseline`).
   * @returns {string}
   */
  baseline() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_baseline(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * The report's counts as JSON, as its JSON report's `summary` gives them (`{files, findings, error,
   * warning, note, baselined?}`), without rendering the report.
   * @returns {string}
   */
  counts() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_counts(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * `drift`: compares the live export with the lock. Call after `finish`.
   */
  drift() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_drift(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The environments a command runs for, as JSON `[{name, paths, lock, namespace}]` (paths and lock
   * relative to the configuration's folder): `name`'s, or every one the configuration defines.
   * @param {string | null} [name]
   * @returns {string}
   */
  environments(name) {
    let deferred3_0;
    let deferred3_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      var ptr0 = isLikeNone(name) ? 0 : passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len0 = WASM_VECTOR_LEN;
      wasm.checker_environments(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      var ptr2 = r0;
      var len2 = r1;
      if (r3) {
        ptr2 = 0;
        len2 = 0;
        throw takeFromExternrefTable0(r2);
      }
      deferred3_0 = ptr2;
      deferred3_1 = len2;
      return getStringFromWasm0(ptr2, len2);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
  }
  /**
   * Whether a path is excluded (a folder: skip all below it).
   * @param {string} path
   * @returns {boolean}
   */
  excludes(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.checker_excludes(this.__wbg_ptr, ptr0, len0);
    return ret !== 0;
  }
  /**
   * @returns {number}
   */
  exitCode() {
    const ret = wasm.checker_exitCode(this.__wbg_ptr);
    return ret;
  }
  /**
   * The files checked so far (a lock or a live export read counts as one): the shim fails a run that
   * checks none.
   * @returns {number}
   */
  files() {
    const ret = wasm.checker_files(this.__wbg_ptr);
    return ret >>> 0;
  }
  /**
   * `check --online`: adds the findings about the pins verified. Call when no request is left, before
   * `finish`.
   */
  finishOnline() {
    wasm.checker_finishOnline(this.__wbg_ptr);
  }
  /**
   * Runs the checks that need every file (provider and chart locks, removed lock entries). Call once,
   * after the last file.
   */
  finish() {
    wasm.checker_finish(this.__wbg_ptr);
  }
  /**
   * Whether the file at `path` is this run's to check.
   * @param {string} path
   * @returns {boolean}
   */
  inShard(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.checker_inShard(this.__wbg_ptr, ptr0, len0);
    return ret !== 0;
  }
  /**
   * Where the lock is unless one is named: the configuration's `lock:` (or `fixity.lock.json`) in
   * `configDir`, the configuration's folder (undefined: the working directory).
   * @param {string | null} [config_dir]
   * @returns {string}
   */
  lockPath(config_dir) {
    let deferred2_0;
    let deferred2_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      var ptr0 = isLikeNone(config_dir) ? 0 : passStringToWasm0(config_dir, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len0 = WASM_VECTOR_LEN;
      wasm.checker_lockPath(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred2_0 = r0;
      deferred2_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
  }
  /**
   * `lock`: why no lock is made (a file could not be read, identities repeat), if none is.
   * @returns {string | undefined}
   */
  lockRefusal() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_lockRefusal(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      let v1;
      if (r0 !== 0) {
        v1 = getStringFromWasm0(r0, r1);
        wasm.__wbindgen_free(r0, r1 * 1, 1);
      }
      return v1;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `lock`: the new lock's text, or undefined when none is made ([`Checker::lock_refusal`] says why).
   * @returns {string | undefined}
   */
  lockText() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_lockText(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      let v1;
      if (r0 !== 0) {
        v1 = getStringFromWasm0(r0, r1);
        wasm.__wbindgen_free(r0, r1 * 1, 1);
      }
      return v1;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `config` is the text of `.fixity.yml` (named `config_name` in errors), if any; `options` is JSON
   * `{select, ignore, exclude, failOn}`.
   * @param {string | null | undefined} config
   * @param {string} config_name
   * @param {string} options
   */
  constructor(config, config_name, options) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1, ptr2, len2;
      try {
        ptr0 = isLikeNone(config) ? 0 : passStringToWasm0(config, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(config_name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
        ptr2 = passStringToWasm0(options, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len2 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr2) {
          wasm.__wbindgen_free(ptr2, len2 * 1, 1);
        }
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_new(retptr, ptr0, len0, ptr1, len1, ptr2, len2);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      if (r2) {
        throw takeFromExternrefTable0(r1);
      }
      this.__wbg_ptr = r0;
      CheckerFinalization.register(this, this.__wbg_ptr, this);
      return this;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The answer to request `id` (`headers`: JSON `[[name, value]]`, names in lowercase); returns the
   * follow-up request as JSON, or undefined.
   * @param {number} id
   * @param {number} status
   * @param {string} headers
   * @param {Uint8Array | number[]} body
   * @returns {string | undefined}
   */
  pinAnswer(id, status, headers, body) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val3 = +id;
      const val4 = +status;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(headers, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passArray8ToWasm0(body, wasm.__wbindgen_malloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_pinAnswer(retptr, this.__wbg_ptr, val3, val4, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      let v5;
      if (r0 !== 0) {
        v5 = getStringFromWasm0(r0, r1);
        wasm.__wbindgen_free(r0, r1 * 1, 1);
      }
      return v5;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * Request `id` could not be made (timeout, connection refused, retries spent).
   * @param {number} id
   * @param {string} reason
   */
  pinFailed(id, reason) {
    const val2 = +id;
    const ptr0 = passStringToWasm0(reason, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_pinFailed(this.__wbg_ptr, val2, ptr0, len0);
  }
  /**
   * The outcome as JSON `{files: [[path, text]], diff, json, text, exitCode}`; `written`: the files are
   * about to be written (not `--dry-run`).
   * @param {boolean} written
   * @returns {string}
   */
  pinOutcome(written) {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_pinOutcome(retptr, this.__wbg_ptr, written);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * `[resolved, total]` targets, for progress.
   * @returns {Uint32Array}
   */
  pinProgress() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_pinProgress(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var v1 = getArrayU32FromWasm0(r0, r1).slice();
      wasm.__wbindgen_free(r0, r1 * 4, 4);
      return v1;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The requests to make now, as JSON `[{id, method, url, headers, body?, host}]`.
   * @returns {string}
   */
  pinRequests() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_pinRequests(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * `check --online`: after the files and before `finish`, decides which pins to verify; `setup` is
   * JSON (see `PinSetup`).
   * @param {string} setup
   */
  planOnline(setup2) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(setup2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_planOnline(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `pin`, `update`: after `finish`, decides what to resolve; `setup` is JSON (see `PinSetup`).
   * @param {string} setup
   */
  planPins(setup2) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(setup2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_planPins(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The report in one of `formats()`.
   * @param {string} format
   * @returns {string}
   */
  render(format2) {
    let deferred3_0;
    let deferred3_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_render(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      var ptr2 = r0;
      var len2 = r1;
      if (r3) {
        ptr2 = 0;
        len2 = 0;
        throw takeFromExternrefTable0(r2);
      }
      deferred3_0 = ptr2;
      deferred3_1 = len2;
      return getStringFromWasm0(ptr2, len2);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
  }
  /**
   * The working directory relative to the repository root (`/`-separated; empty at the root): files
   * are classified by their place in the repository.
   * @param {string} base
   */
  setBase(base) {
    const ptr0 = passStringToWasm0(base, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_setBase(this.__wbg_ptr, ptr0, len0);
  }
  /**
   * The paths this run covers (display paths): lock entries from elsewhere are not reported removed.
   * @param {string[]} roots
   */
  setScope(roots) {
    const ptr0 = passArrayJsValueToWasm0(roots, wasm.__wbindgen_malloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_setScope(this.__wbg_ptr, ptr0, len0);
  }
  /**
   * `check --shard K/N`: this run checks shard `spec` of `files` (JSON `[[path, size]]`: every file
   * the run found, each once); `inShard` says which to add. Call before the lock and the files.
   * @param {string} spec
   * @param {string} files
   */
  setShard(spec, files) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(spec, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(files, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_setShard(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `drift`: reads the live export (an error when it cannot be read); the files that follow are the
   * declared side; the lock at `lockPath` (its `Bytes`, undefined when there is none: an error when it was
   * `named`) is what the live export is compared with.
   * @param {string} lock_path
   * @param {Bytes | null | undefined} lock_bytes
   * @param {boolean} named
   * @param {string} live_path
   * @param {string} live_text
   * @param {Uint8Array | number[] | null} [key]
   * @param {string | null} [coverage]
   */
  startDrift(lock_path, lock_bytes, named, live_path, live_text, key, coverage) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val7 = +named;
      let ptr0, len0, ptr1 = 0, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5;
      try {
        ptr0 = passStringToWasm0(lock_path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        if (!isLikeNone(lock_bytes)) {
          _assertClass(lock_bytes, Bytes);
          ptr1 = lock_bytes.__destroy_into_raw();
        }
        ptr2 = passStringToWasm0(live_path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len2 = WASM_VECTOR_LEN;
        ptr3 = passStringToWasm0(live_text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len3 = WASM_VECTOR_LEN;
        ptr4 = isLikeNone(key) ? 0 : passArray8ToWasm0(key, wasm.__wbindgen_malloc);
        len4 = WASM_VECTOR_LEN;
        ptr5 = isLikeNone(coverage) ? 0 : passStringToWasm0(coverage, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len5 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr5) {
          wasm.__wbindgen_free(ptr5, len5 * 1, 1);
        }
        if (ptr4) {
          wasm.__wbindgen_free(ptr4, len4 * 1, 1);
        }
        if (ptr3) {
          wasm.__wbindgen_free(ptr3, len3 * 1, 1);
        }
        if (ptr2) {
          wasm.__wbindgen_free(ptr2, len2 * 1, 1);
        }
        if (ptr1) wasm.__wbg_bytes_free(ptr1, 1);
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_startDrift(retptr, this.__wbg_ptr, ptr0, len0, ptr1, val7, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `lock`: gather the resources of the files that follow.
   * @param {Uint8Array | number[] | null} [key]
   * @param {string | null} [coverage]
   */
  startLock(key, coverage) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = isLikeNone(key) ? 0 : passArray8ToWasm0(key, wasm.__wbindgen_malloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = isLikeNone(coverage) ? 0 : passStringToWasm0(coverage, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_startLock(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `pin`, `update`: keep the references of the files that follow.
   */
  startPin() {
    wasm.checker_startPin(this.__wbg_ptr);
  }
  /**
   * The report's summary line (`Found 3 findings in 1 file: 3 errors.`).
   * @returns {string}
   */
  summary() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_summary(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * Leaves out of reports what the baseline `text` (named `name` in errors) records.
   * @param {string} text
   * @param {string} name
   */
  useBaseline(text, name) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_useBaseline(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `check`: verify the lock at `path` (its `Bytes`, undefined when there is no such file: an error when
   * it was `named`) against the files that follow. `key`: `FIXITY_HMAC_KEY`, if set (an error when it is
   * too short).
   * `coverage` (JSON `{environment, paths, namespace}`, all optional) says what the lock is about.
   * @param {string} path
   * @param {Bytes | null | undefined} bytes
   * @param {boolean} named
   * @param {Uint8Array | number[] | null} [key]
   * @param {string | null} [coverage]
   */
  verifyLock(path, bytes, named, key, coverage) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val5 = +named;
      let ptr0, len0, ptr1 = 0, ptr2, len2, ptr3, len3;
      try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        if (!isLikeNone(bytes)) {
          _assertClass(bytes, Bytes);
          ptr1 = bytes.__destroy_into_raw();
        }
        ptr2 = isLikeNone(key) ? 0 : passArray8ToWasm0(key, wasm.__wbindgen_malloc);
        len2 = WASM_VECTOR_LEN;
        ptr3 = isLikeNone(coverage) ? 0 : passStringToWasm0(coverage, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len3 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr3) {
          wasm.__wbindgen_free(ptr3, len3 * 1, 1);
        }
        if (ptr2) {
          wasm.__wbindgen_free(ptr2, len2 * 1, 1);
        }
        if (ptr1) wasm.__wbg_bytes_free(ptr1, 1);
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_verifyLock(retptr, this.__wbg_ptr, ptr0, len0, ptr1, val5, ptr2, len2, ptr3, len3);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * Whether a file is worth reading at all.
   * @param {string} path
   * @returns {boolean}
   */
  wants(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.checker_wants(this.__wbg_ptr, ptr0, len0);
    return ret !== 0;
  }
  /**
   * `lock`: writes the new lock to `sink` piece by piece (see `writeReport`): a large lock is never
   * whole in memory. An error, before anything is written, when none is made (`lockRefusal`).
   * @param {any} sink
   */
  writeLock(sink) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_writeLock(retptr, this.__wbg_ptr, sink);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The report in one of `formats()`, written to `sink` piece by piece: a large report is never whole
   * in memory.
   * @param {string} format
   * @param {any} sink
   */
  writeReport(format2, sink) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_writeReport(retptr, this.__wbg_ptr, ptr0, len0, sink);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
};
if (Symbol.dispose) Checker.prototype[Symbol.dispose] = Checker.prototype.free;
var Merged = class {
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    MergedFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_merged_free(ptr, 0);
  }
  /**
   * @returns {number}
   */
  exitCode() {
    const ret = wasm.merged_exitCode(this.__wbg_ptr);
    return ret;
  }
  /**
   * The files the shards checked together.
   * @returns {number}
   */
  files() {
    const ret = wasm.merged_files(this.__wbg_ptr);
    return ret >>> 0;
  }
  /**
   * `reports` is JSON `[[name, text]]`: every shard report of one run (`name` names it in errors);
   * `failOn` decides the exit status, as `check`'s does.
   * @param {string} reports
   * @param {string | null} [fail_on]
   */
  constructor(reports2, fail_on) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(reports2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = isLikeNone(fail_on) ? 0 : passStringToWasm0(fail_on, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.merged_new(retptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      if (r2) {
        throw takeFromExternrefTable0(r1);
      }
      this.__wbg_ptr = r0;
      MergedFinalization.register(this, this.__wbg_ptr, this);
      return this;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The merged report in one of `formats()`.
   * @param {string} format
   * @returns {string}
   */
  render(format2) {
    let deferred3_0;
    let deferred3_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.merged_render(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      var ptr2 = r0;
      var len2 = r1;
      if (r3) {
        ptr2 = 0;
        len2 = 0;
        throw takeFromExternrefTable0(r2);
      }
      deferred3_0 = ptr2;
      deferred3_1 = len2;
      return getStringFromWasm0(ptr2, len2);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
  }
  /**
   * The merged report written to `sink` (see `Checker::writeReport`).
   * @param {string} format
   * @param {any} sink
   */
  writeReport(format2, sink) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.merged_writeReport(retptr, this.__wbg_ptr, ptr0, len0, sink);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
};
if (Symbol.dispose) Merged.prototype[Symbol.dispose] = Merged.prototype.free;
function admissionPolicy(config, config_name, format2) {
  let deferred5_0;
  let deferred5_1;
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    let ptr0, len0, ptr1, len1, ptr2, len2;
    try {
      ptr0 = isLikeNone(config) ? 0 : passStringToWasm0(config, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passStringToWasm0(config_name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len1 = WASM_VECTOR_LEN;
      ptr2 = passStringToWasm0(format2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len2 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr2) {
        wasm.__wbindgen_free(ptr2, len2 * 1, 1);
      }
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    wasm.admissionPolicy(retptr, ptr0, len0, ptr1, len1, ptr2, len2);
    var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
    var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
    var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
    var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
    var ptr4 = r0;
    var len4 = r1;
    if (r3) {
      ptr4 = 0;
      len4 = 0;
      throw takeFromExternrefTable0(r2);
    }
    deferred5_0 = ptr4;
    deferred5_1 = len4;
    return getStringFromWasm0(ptr4, len4);
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
    wasm.__wbindgen_free(deferred5_0, deferred5_1, 1);
  }
}
function explain(rule) {
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    const ptr0 = passStringToWasm0(rule, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.explain(retptr, ptr0, len0);
    var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
    var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
    let v2;
    if (r0 !== 0) {
      v2 = getStringFromWasm0(r0, r1);
      wasm.__wbindgen_free(r0, r1 * 1, 1);
    }
    return v2;
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
  }
}
function formats() {
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    wasm.formats(retptr);
    var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
    var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
    var v1 = getArrayJsValueFromWasm0(r0, r1);
    wasm.__wbindgen_free(r0, r1 * 4, 4);
    return v1;
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
  }
}
function maxFileBytes() {
  const ret = wasm.maxFileBytes();
  return ret;
}
function rulesTable() {
  let deferred1_0;
  let deferred1_1;
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    wasm.rulesTable(retptr);
    var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
    var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
    deferred1_0 = r0;
    deferred1_1 = r1;
    return getStringFromWasm0(r0, r1);
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
    wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
  }
}
function version() {
  let deferred1_0;
  let deferred1_1;
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    wasm.version(retptr);
    var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
    var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
    deferred1_0 = r0;
    deferred1_1 = r1;
    return getStringFromWasm0(r0, r1);
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
    wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
  }
}
function visible(text) {
  let deferred2_0;
  let deferred2_1;
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.visible(retptr, ptr0, len0);
    var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
    var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
    deferred2_0 = r0;
    deferred2_1 = r1;
    return getStringFromWasm0(r0, r1);
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
    wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
  }
}
function __wbg_get_imports() {
  const import0 = {
    __proto__: null,
    __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
      const ret = Error(getStringFromWasm0(arg0, arg1));
      return ret;
    },
    __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
      const obj = arg1;
      const ret = typeof obj === "string" ? obj : void 0;
      var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    },
    __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
      throw new Error(getStringFromWasm0(arg0, arg1));
    },
    __wbg_write_72476aa4ac2748f1: function() {
      return handleError(function(arg0, arg1, arg2) {
        arg0.write(getArrayU8FromWasm0(arg1, arg2));
      }, arguments);
    },
    __wbindgen_generic_0000000000000001: function(arg0, arg1) {
      const ret = getStringFromWasm0(arg0, arg1);
      return ret;
    },
    __wbindgen_init_externref_table: function() {
      const table = wasm.__wbindgen_externrefs;
      table.set(0, void 0);
      table.set(1024, void 0);
      table.set(1025, null);
      table.set(1026, true);
      table.set(1027, false);
    }
  };
  return {
    __proto__: null,
    "./fixity_bg.js": import0
  };
}
var BytesFinalization = typeof FinalizationRegistry === "undefined" ? { register: () => {
}, unregister: () => {
} } : new FinalizationRegistry((ptr) => wasm.__wbg_bytes_free(ptr, 1));
var CheckerFinalization = typeof FinalizationRegistry === "undefined" ? { register: () => {
}, unregister: () => {
} } : new FinalizationRegistry((ptr) => wasm.__wbg_checker_free(ptr, 1));
var MergedFinalization = typeof FinalizationRegistry === "undefined" ? { register: () => {
}, unregister: () => {
} } : new FinalizationRegistry((ptr) => wasm.__wbg_merged_free(ptr, 1));
function addToExternrefTable0(obj) {
  const idx = wasm.__externref_table_alloc();
  wasm.__wbindgen_externrefs.set(idx, obj);
  return idx;
}
function _assertClass(instance, klass) {
  if (!(instance instanceof klass)) {
    throw new Error(`expected instance of ${klass.name}`);
  }
}
function getArrayJsValueFromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  const mem = getDataViewMemory0();
  const result = [];
  for (let i = ptr; i < ptr + 4 * len; i += 4) {
    result.push(wasm.__wbindgen_externrefs.get(mem.getUint32(i, true)));
  }
  wasm.__externref_drop_slice(ptr, len);
  return result;
}
function getArrayU32FromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return getUint32ArrayMemory0().subarray(ptr / 4, ptr / 4 + len);
}
function getArrayU8FromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}
var cachedDataViewMemory0 = null;
function getDataViewMemory0() {
  if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || cachedDataViewMemory0.buffer.detached === void 0 && cachedDataViewMemory0.buffer !== wasm.memory.buffer) {
    cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
  }
  return cachedDataViewMemory0;
}
function getStringFromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}
var cachedUint32ArrayMemory0 = null;
function getUint32ArrayMemory0() {
  if (cachedUint32ArrayMemory0 === null || cachedUint32ArrayMemory0.byteLength === 0) {
    cachedUint32ArrayMemory0 = new Uint32Array(wasm.memory.buffer);
  }
  return cachedUint32ArrayMemory0;
}
var cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
  if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
    cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
  }
  return cachedUint8ArrayMemory0;
}
function handleError(f, args) {
  try {
    return f.apply(this, args);
  } catch (e) {
    const idx = addToExternrefTable0(e);
    wasm.__wbindgen_exn_store(idx);
  }
}
function isLikeNone(x) {
  return x === void 0 || x === null;
}
function passArray8ToWasm0(arg, malloc) {
  const ptr = malloc(arg.length * 1, 1) >>> 0;
  getUint8ArrayMemory0().set(arg, ptr / 1);
  WASM_VECTOR_LEN = arg.length;
  return ptr;
}
function passArrayJsValueToWasm0(array, malloc) {
  const ptr = malloc(array.length * 4, 4) >>> 0;
  for (let i = 0; i < array.length; i++) {
    const add = addToExternrefTable0(array[i]);
    getDataViewMemory0().setUint32(ptr + 4 * i, add, true);
  }
  WASM_VECTOR_LEN = array.length;
  return ptr;
}
function passStringToWasm0(arg, malloc, realloc) {
  if (realloc === void 0) {
    const buf = cachedTextEncoder.encode(arg);
    const ptr2 = malloc(buf.length, 1) >>> 0;
    getUint8ArrayMemory0().subarray(ptr2, ptr2 + buf.length).set(buf);
    WASM_VECTOR_LEN = buf.length;
    return ptr2;
  }
  let len = arg.length;
  let ptr = malloc(len, 1) >>> 0;
  const mem = getUint8ArrayMemory0();
  let offset = 0;
  for (; offset < len; offset++) {
    const code = arg.charCodeAt(offset);
    if (code > 127) break;
    mem[ptr + offset] = code;
  }
  if (offset !== len) {
    if (offset !== 0) {
      arg = arg.slice(offset);
    }
    ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
    const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
    const ret = cachedTextEncoder.encodeInto(arg, view);
    offset += ret.written;
    ptr = realloc(ptr, len, offset, 1) >>> 0;
  }
  WASM_VECTOR_LEN = offset;
  return ptr;
}
function takeFromExternrefTable0(idx) {
  const value = wasm.__wbindgen_externrefs.get(idx);
  wasm.__externref_table_dealloc(idx);
  return value;
}
var cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
cachedTextDecoder.decode();
var MAX_SAFARI_DECODE_BYTES = 2146435072;
var numBytesDecoded = 0;
function decodeText(bytes) {
  numBytesDecoded += bytes.length;
  if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
    cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
    cachedTextDecoder.decode();
    numBytesDecoded = bytes.length;
  }
  return cachedTextDecoder.decode(bytes);
}
var cachedTextEncoder = new TextEncoder();
if (!("encodeInto" in cachedTextEncoder)) {
  cachedTextEncoder.encodeInto = function(arg, view) {
    const buf = cachedTextEncoder.encode(arg);
    view.set(buf);
    return {
      read: arg.length,
      written: buf.length
    };
  };
}
var WASM_VECTOR_LEN = 0;
var wasmModule;
var wasmInstance;
var wasm;
function __wbg_finalize_init(instance, module) {
  wasmInstance = instance;
  wasm = instance.exports;
  wasmModule = module;
  cachedDataViewMemory0 = null;
  cachedUint32ArrayMemory0 = null;
  cachedUint8ArrayMemory0 = null;
  wasm.__wbindgen_start();
  return wasm;
}
function initSync(module) {
  if (wasm !== void 0) return wasm;
  if (module !== void 0) {
    if (Object.getPrototypeOf(module) === Object.prototype) {
      ({ module } = module);
    } else {
      console.warn("using deprecated parameters for `initSync()`; pass a single object instead");
    }
  }
  const imports = __wbg_get_imports();
  if (!(module instanceof WebAssembly.Module)) {
    module = new WebAssembly.Module(module);
  }
  const instance = new WebAssembly.Instance(module, imports);
  return __wbg_finalize_init(instance, module);
}

// js/wasm.js
setFlagsFromString("--wasm-tiering-budget=500000000");
setFlagsFromString("--wasm-lazy-compilation");
setFlagsFromString("--wasm-lazy-validation");
var bundled = new URL("./fixity_bg.wasm", import.meta.url);
var built = new URL("../target/wasm-bindgen/fixity_bg.wasm", import.meta.url);
var compileCore = () => new WebAssembly.Module(readFileSync(existsSync(bundled) ? bundled : built));
initSync({ module: compileCore() });

// js/check.js
import { closeSync as closeSync2, mkdirSync, openSync as openSync2, realpathSync as realpathSync3, renameSync, rmSync, statSync as statSync4, writeFileSync } from "node:fs";
import { dirname as dirname3, join as join3, relative as relative3, resolve as resolve2, sep as sep4 } from "node:path";

// js/parallel.js
import { existsSync as existsSync2 } from "node:fs";
import { availableParallelism } from "node:os";
import { setFlagsFromString as setFlagsFromString2 } from "node:v8";

// js/read.js
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, sep } from "node:path";
var loadBuiltin = createRequire(import.meta.url);
var UsageError = class extends Error {
};
function errorMessage(e) {
  return visible(e instanceof UsageError || e?.name === "Error" ? e.message : String(e));
}
var megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
var limitText = (limit = maxFileBytes()) => `the ${limit / 2 ** 20} MiB limit`;
function isInside(path, realRoot) {
  for (let p = path; ; p = dirname(p)) {
    let real;
    try {
      real = realpathSync(p);
    } catch {
      if (dirname(p) === p) return false;
      continue;
    }
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  }
}
var isPresent = (path) => lstatSync(path, { throwIfNoEntry: false }) !== void 0;
function readFile(path, what, { root, limit = maxFileBytes(), into } = {}) {
  const fail = (reason) => new UsageError(`cannot read ${what} ${path}: ${reason}`);
  if (root !== void 0 && !isInside(path, root)) throw fail(`it leads outside ${root}`);
  let fd;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw fail("not a regular file");
    if (info.size > limit) throw fail(`it is ${megabytes(info.size)}, over ${limitText(limit)}`);
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) throw fail("not a regular file");
    const bytes = into ? readPieces(fd, limit, into(info.size)) : readAtMost(fd, limit, info.size);
    if (bytes === null) throw fail(`it is over ${limitText(limit)}`);
    return bytes;
  } catch (e) {
    throw e instanceof UsageError ? e : fail(e.code ?? e.message);
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
var readText = (path, what, options) => readFile(path, what, options).toString("utf8");
function readStandardInput() {
  const bytes = readAtMost(0, maxFileBytes());
  if (bytes === null) throw new UsageError(`standard input is over ${limitText()}`);
  return bytes;
}
function readPieces(fd, limit, sink) {
  const piece = Buffer.allocUnsafe(1 << 20);
  for (let total = 0; ; ) {
    const n = readSync(fd, piece, 0, piece.length, null);
    if (n === 0) return sink;
    total += n;
    if (total > limit) return null;
    sink.push(piece.subarray(0, n));
  }
}
function readAtMost(fd, limit, expected = 0) {
  let buffer = Buffer.allocUnsafe(Math.min(expected > 0 ? expected + 1 : 1 << 16, limit + 1));
  let total = 0;
  for (; ; ) {
    if (total === buffer.length) {
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    const n = readSync(fd, buffer, total, buffer.length - total, null);
    if (n === 0) return buffer.subarray(0, total);
    total += n;
    if (total > limit) return null;
  }
}

// js/parallel.js
var PARALLEL_FROM_BYTES = 4e6;
var BATCH_FILES = 64;
var BATCH_BYTES = 1e6;
var bundledWorker = new URL("./worker.mjs", import.meta.url);
var workerScript = existsSync2(bundledWorker) ? bundledWorker : new URL("./worker.js", import.meta.url);
function jobsOption(value) {
  if (value === void 0) return availableParallelism();
  if (!/^[1-9][0-9]{0,3}$/.test(String(value))) throw new UsageError(`invalid --jobs \`${value}\` (expected a number of workers, 1 or more)`);
  return Number(value);
}
async function addFiles(files, { jobs, setup: setup2, add, take }) {
  if (jobs <= 1 || !setup2) {
    for (const file of files) add(file);
    return;
  }
  const iterator = files[Symbol.iterator]();
  const head = [];
  let bytes = 0;
  for (let step; bytes < PARALLEL_FROM_BYTES && !(step = iterator.next()).done; bytes += step.value.size) head.push(step.value);
  if (bytes < PARALLEL_FROM_BYTES) {
    for (const file of head) add(file);
    return;
  }
  await inWorkers(chain(head, iterator), jobs, setup2, take);
}
function* chain(head, rest) {
  yield* head;
  for (let step; !(step = rest.next()).done; ) yield step.value;
}
var WORKER_TIERING_BUDGET = 18e5;
async function inWorkers(files, jobs, setup2, take) {
  setFlagsFromString2(`--wasm-tiering-budget=${WORKER_TIERING_BUDGET}`);
  const module = compileCore();
  const workers = Array.from({ length: jobs }, () => new (loadBuiltin("node:worker_threads")).Worker(workerScript, { workerData: { fixity: { ...setup2, module } }, resourceLimits: { maxYoungGenerationSizeMb: 4 } }));
  try {
    await new Promise((resolve3, reject) => {
      const waiting = /* @__PURE__ */ new Map();
      let sent = 0;
      let taken = 0;
      let exhausted = false;
      const nextBatch = () => {
        const batch = [];
        for (let size = 0; !exhausted && batch.length < BATCH_FILES && size < BATCH_BYTES; ) {
          const step = files.next();
          if (step.done) exhausted = true;
          else batch.push(step.value), size += step.value.size;
        }
        return batch;
      };
      const feed = (worker) => {
        const batch = nextBatch();
        if (!batch.length) return;
        worker.batch = { number: sent++, files: batch };
        worker.postMessage(batch.map(({ path, shown, size, named }) => ({ path, shown, size, named })));
      };
      for (const worker of workers) {
        worker.on("message", (analyses) => {
          try {
            waiting.set(worker.batch.number, [worker.batch.files, analyses]);
            feed(worker);
            for (let ready; ready = waiting.get(taken); taken++) {
              waiting.delete(taken);
              const [batch, results] = ready;
              batch.forEach((file, i) => take(file, results[i]));
            }
            if (exhausted && taken === sent) resolve3();
          } catch (e) {
            reject(e);
          }
        });
        worker.on("error", reject);
        worker.on("exit", (code) => reject(new Error(`a worker stopped early (exit status ${code})`)));
      }
      try {
        for (const worker of workers) feed(worker);
      } catch (e) {
        reject(e);
      }
    });
  } finally {
    for (const worker of workers) worker.removeAllListeners("exit");
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

// js/repository.js
import { lstatSync as lstatSync2, statSync as statSync2 } from "node:fs";
import { dirname as dirname2, join, relative, resolve, sep as sep2 } from "node:path";
function repositoryRoot(dir) {
  for (let d = resolve(dir); ; d = dirname2(d)) {
    if (lstatSync2(join(d, ".git"), { throwIfNoEntry: false })) return d;
    if (dirname2(d) === d) return null;
  }
}
var repositories = /* @__PURE__ */ new Map();
function isTracked(dir, path) {
  const key = resolve(dir);
  if (!repositories.has(key)) {
    const root = repositoryRoot(key);
    repositories.set(key, root && { root, tracked: trackedPaths(root) });
  }
  const repository = repositories.get(key);
  return repository !== null && repository.tracked.has(relative(repository.root, resolve(path)).split(sep2).join("/"));
}
function trackedPaths(root) {
  const tracked = /* @__PURE__ */ new Set();
  let paths;
  try {
    paths = indexPaths(readFile(indexFile(root), "git index")) ?? [];
  } catch {
    paths = [];
  }
  for (const path of paths) {
    for (let p = path; p && !tracked.has(p); p = p.slice(0, Math.max(p.lastIndexOf("/"), 0))) tracked.add(p);
  }
  return tracked;
}
function indexFile(root) {
  const git = join(root, ".git");
  if (statSync2(git).isDirectory()) return join(git, "index");
  const gitdir = readText(git, "git file").match(/^gitdir: (.+?)\r?$/m);
  if (!gitdir) throw new Error(`${git} names no gitdir`);
  return join(resolve(root, gitdir[1]), "index");
}
function indexPaths(bytes) {
  for (const [algorithm, hashSize] of [["sha1", 20], ["sha256", 32]]) {
    const paths = entryPaths(bytes, hashSize);
    if (paths && checksumMatches(bytes, algorithm, hashSize)) return paths;
  }
  return null;
}
function checksumMatches(bytes, algorithm, size) {
  const trailer = bytes.subarray(bytes.length - size);
  return trailer.every((b) => b === 0) || loadBuiltin("node:crypto").createHash(algorithm).update(bytes.subarray(0, bytes.length - size)).digest().equals(trailer);
}
function entryPaths(bytes, hashSize) {
  const end = bytes.length - hashSize;
  if (end < 12 || bytes.toString("latin1", 0, 4) !== "DIRC") return null;
  const version2 = bytes.readUInt32BE(4);
  if (version2 < 2 || version2 > 4) return null;
  const paths = [];
  let previous = Buffer.alloc(0);
  let offset = 12;
  for (let count = bytes.readUInt32BE(8); count > 0; count--) {
    const start2 = offset;
    offset += 40 + hashSize + 2;
    if (offset > end) return null;
    if (bytes.readUInt16BE(offset - 2) & 16384) {
      if (version2 < 3) return null;
      offset += 2;
    }
    let name;
    if (version2 === 4) {
      const [strip, after] = varint(bytes, offset, end);
      if (strip > previous.length) return null;
      const nul = bytes.indexOf(0, after);
      if (nul < 0 || nul >= end) return null;
      name = Buffer.concat([previous.subarray(0, previous.length - strip), bytes.subarray(after, nul)]);
      offset = nul + 1;
    } else {
      const nul = bytes.indexOf(0, offset);
      if (nul < 0 || nul >= end) return null;
      name = bytes.subarray(offset, nul);
      offset = start2 + (nul - start2 + 8 & ~7);
      if (offset > end) return null;
    }
    paths.push(name.toString("utf8"));
    previous = name;
  }
  while (offset + 8 <= end) offset += 8 + bytes.readUInt32BE(offset + 4);
  return offset === end ? paths : null;
}
function varint(bytes, offset, end) {
  let byte = bytes[offset++];
  let value = byte & 127;
  while (byte & 128 && offset < end && value < 2 ** 24) {
    byte = bytes[offset++];
    value = value + 1 << 7 | byte & 127;
  }
  return [byte & 128 || value >= 2 ** 24 ? Infinity : value, offset];
}

// js/walk.js
var import_ignore = __toESM(require_ignore(), 1);
import { lstatSync as lstatSync3, readdirSync, realpathSync as realpathSync2, statSync as statSync3 } from "node:fs";
import { join as join2, relative as relative2, sep as sep3 } from "node:path";
var ALWAYS_SKIPPED = /* @__PURE__ */ new Set([".git", "node_modules"]);
function displayPath(absolute) {
  const rel = relative2(process.cwd(), absolute) || ".";
  return sep3 === "/" ? rel : rel.split(sep3).join("/");
}
function gitignoreOf(dir, realRoot) {
  try {
    return (0, import_ignore.default)().add(readText(join2(dir, ".gitignore"), ".gitignore", { root: realRoot }));
  } catch {
    return null;
  }
}
function* walk(root, { wants, excludes }) {
  const realRoot = realpathSync2(root);
  const seen = /* @__PURE__ */ new Set([realRoot]);
  const stack = [{ dir: root, real: realRoot, rules: [] }];
  const linked = [];
  while (stack.length || linked.length) {
    if (!stack.length) {
      const next = linked.shift();
      if (next.file) yield next.file;
      else stack.push(next);
      continue;
    }
    const { dir, real, rules } = stack.pop();
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    } catch {
      continue;
    }
    const own = entries.some((entry) => entry.name === ".gitignore") ? gitignoreOf(dir, realRoot) : null;
    const inForce = own ? [...rules, { base: dir, matcher: own }] : rules;
    const subdirs = [];
    for (const entry of entries) {
      const { name } = entry;
      if (ALWAYS_SKIPPED.has(name)) continue;
      const full = join2(dir, name);
      let info = entry.isDirectory() ? entry : lstatSync3(full, { throwIfNoEntry: false });
      if (!info) continue;
      let target = join2(real, name);
      const isLink = info.isSymbolicLink();
      if (isLink) {
        try {
          target = realpathSync2(full);
        } catch {
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep3)) continue;
        info = statSync3(full);
        if (info.isDirectory()) {
          if (seen.has(target)) continue;
          seen.add(target);
        }
      }
      const isDir = info.isDirectory();
      if (isIgnored(inForce, full, isDir) && !isTracked(root, full)) continue;
      const shown = displayPath(full);
      if (isDir) {
        if (!excludes(shown)) (isLink ? linked : subdirs).push({ dir: full, real: target, rules: inForce });
      } else if (info.isFile() && wants(shown)) {
        const file = { path: full, real: target, shown, size: info.size };
        if (isLink) linked.push({ file });
        else yield file;
      }
    }
    stack.push(...subdirs.reverse());
  }
}
function isIgnored(rules, full, isDir) {
  for (const { base, matcher } of rules) {
    let rel = relative2(base, full).split(sep3).join("/");
    if (isDir) rel += "/";
    if (matcher.ignores(rel)) return true;
  }
  return false;
}

// js/check.js
function projectRoot() {
  const root = repositoryRoot(process.cwd());
  return { dir: root ?? process.cwd(), real: realpathSync3(root ?? process.cwd()), isRepository: root !== null };
}
function findConfig(project) {
  for (let dir = process.cwd(); ; dir = dirname3(dir)) {
    for (const name of [".fixity.yml", ".fixity.yaml"]) {
      if (isPresent(join3(dir, name))) return displayPath(join3(dir, name));
    }
    if (dir === project.dir || dirname3(dir) === dir) return null;
  }
}
function readConfig(explicit, project = projectRoot()) {
  const path = explicit || findConfig(project);
  if (path === null) return { path: null, text: void 0, name: "" };
  const text = readText(path, "configuration", explicit ? {} : { root: project.real });
  return { path, text, name: displayPath(resolve2(path)) };
}
function hmacKey() {
  const key = process.env.FIXITY_HMAC_KEY;
  return key ? new TextEncoder().encode(key) : void 0;
}
function writeAtomically(path, content) {
  const existing = statSync4(path, { throwIfNoEntry: false });
  if (existing && !existing.isFile() && !existing.isDirectory()) return writeInto(path, content);
  mkdirSync(dirname3(resolve2(path)), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  let fd;
  try {
    fd = openSync2(temporary, "wx");
    writeContent(fd, content);
    closeSync2(fd);
    fd = void 0;
    renameSync(temporary, path);
  } catch (e) {
    if (fd !== void 0) closeSync2(fd);
    if (e.code === "EEXIST") throw new UsageError(`cannot write ${path}: temporary file ${temporary} already exists`);
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${path}: ${e.code ?? e.message}`);
  }
}
function writeContent(fd, content) {
  if (typeof content === "function") content((bytes) => writeFileSync(fd, bytes));
  else writeFileSync(fd, content);
}
function writeInto(path, content) {
  let fd;
  try {
    fd = openSync2(path, "w");
    writeContent(fd, content);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${e.code ?? e.message}`);
  } finally {
    if (fd !== void 0) closeSync2(fd);
  }
}
function writeReport(checker, format2, path) {
  if (path) return writeAtomically(path, (write) => checker.writeReport(format2, { write }));
  checker.writeReport(format2, { write: (bytes) => process.stdout.write(Buffer.from(bytes)) });
}
function reportFormat(name) {
  if (!formats().includes(name)) throw new UsageError(`unknown format \`${name}\` (expected one of: ${formats().join(", ")})`);
  return name;
}
function reportTargets(specs, output) {
  const taken = new Set(output ? [resolve2(output)] : []);
  return specs.map((spec) => {
    const at = spec.indexOf("=");
    if (at <= 0 || at === spec.length - 1) throw new UsageError(`invalid report \`${spec}\` (expected FORMAT=FILE, such as sarif=fixity.sarif)`);
    const target = { format: reportFormat(spec.slice(0, at)), path: spec.slice(at + 1) };
    if (taken.has(resolve2(target.path))) throw new UsageError(`${target.path} is named for two reports`);
    taken.add(resolve2(target.path));
    return target;
  });
}
function writeReports(checker, targets) {
  for (const { format: format2, path } of targets) writeReport(checker, format2, path);
}
function* filesAt(checker, path, tally) {
  const wants = (shown) => {
    if (checker.wants(shown)) return true;
    if (!checker.excludes(shown)) tally.unknown++;
    return false;
  };
  if (!statSync4(path).isDirectory()) {
    yield { path, real: realpathSync3(path), shown: displayPath(resolve2(path)), size: statSync4(path).size, named: true };
    return;
  }
  for (const file of walk(path, { wants, excludes: (shown) => checker.excludes(shown) })) yield { ...file, named: false };
}
function addFound(checker, file) {
  if (file.size > maxFileBytes()) checker.addOversized(file.shown, file.size);
  else if (!file.named) checker.addFile(file.shown, readFile(file.path, "file"), void 0);
  else if (!checker.addNamedFile(file.shown, readFile(file.path, "file"), void 0)) warn(unknownKind(file.shown));
}
function filesFor(checker, roots, { stdinName, shard, skip }) {
  const tally = { stdin: void 0, offered: 0, unknown: 0 };
  const seen = new Set(skip.filter(isPresent).map((path) => realpathSync3(path)));
  const found = function* () {
    for (const root of roots) {
      if (root === "-") {
        tally.offered++;
        yield { stdin: true };
        continue;
      }
      for (const file of filesAt(checker, root, tally)) {
        if (seen.has(file.real)) continue;
        seen.add(file.real);
        tally.offered++;
        yield file;
      }
    }
  };
  const add = (file) => {
    if (!file.stdin) return addFound(checker, file);
    tally.stdin = readStandardInput();
    checker.addNamedFile(stdinName ?? "-", tally.stdin, void 0);
  };
  const take = (file, { result, error }) => {
    if (error !== void 0) throw new UsageError(error);
    if (!checker.addResult(result) && file.named) warn(unknownKind(file.shown));
  };
  if (!shard) return { files: found(), add, take, tally };
  const files = [...found()];
  checker.setShard(shard, JSON.stringify(files.map((file) => [file.shown, file.size])));
  return { files: files.filter((file) => checker.inShard(file.shown)), add, take, tally };
}
function warn(message) {
  process.stderr.write(`fixity: warning: ${visible(message)}
`);
}
var unknownKind = (shown) => `${shown}: not checked: fixity cannot tell what kind of file it is (name it in .fixity.yml \`kinds:\`)`;
function nothingChecked({ stdin, offered, unknown }) {
  if (stdin?.toString().trim() === "") return "no file was checked (standard input is empty)";
  const found = offered + unknown;
  if (stdin && found === 1) return "no file was checked (standard input is of no kind fixity checks; --stdin-filename names its kind)";
  if (found === 0) return "no file was checked (none was found that is not excluded or ignored)";
  return `no file was checked (${found === 1 ? "1 file was found, of no kind" : `${found} files were found, none of a kind`} fixity checks)`;
}
var LOCK_LIMIT = 256 * 2 ** 20;
function lockAt(path, { named = false, root }) {
  return {
    path,
    root: named ? void 0 : root,
    named,
    shown: displayPath(resolve2(path)),
    key: hmacKey(),
    read: (into) => isPresent(path) ? readFile(path, "lock", { root: named ? void 0 : root, limit: LOCK_LIMIT, into }) : void 0
  };
}
var intoCore = (size) => new Bytes(size);
function setting({ paths = [], config, select = [], ignore: ignore2 = [], exclude = [], failOn, requireAll = false, lock: lock2, env, namespace, ...rest }) {
  const project = projectRoot();
  const configFile = readConfig(config, project);
  const options = JSON.stringify({ select, ignore: ignore2, exclude, failOn, requireAll });
  const checker = () => new Checker(configFile.text, configFile.name, options);
  const dir = configFile.path ? dirname3(configFile.path) : void 0;
  const root = dir ? realpathSync3(dir) : project.real;
  const environments = lock2 && !env ? [] : JSON.parse(checker().environments(env));
  const locks = environments.length ? environments.map((e) => ({
    ...lockAt(join3(dir ?? ".", e.lock), { root }),
    paths: e.paths.map((p) => join3(dir ?? ".", p)),
    coverage: (paths2) => JSON.stringify({ environment: e.name, paths: paths2.map((p) => displayPath(resolve2(p))), namespace: namespace ?? e.namespace ?? void 0 })
  })) : [{ ...lockAt(lock2 || checker().lockPath(dir), { named: Boolean(lock2), root }), paths: [], coverage: () => JSON.stringify({ namespace }) }];
  return { ...rest, paths, project, configFile, options, checker, locks };
}
async function run(settings, begin, how) {
  const started = await start(settings, begin, how);
  started.checker.finish();
  return started;
}
async function start({ paths, baseline, stdinName, shard, jobs, project, configFile, options, checker: newChecker, skip = [] }, begin, { parallel = false } = {}) {
  const roots = paths.length ? paths : ["."];
  if (shard && roots.includes("-")) throw new UsageError("--shard divides files and folders; standard input is not one");
  const workers = jobsOption(jobs);
  for (const path of roots) {
    if (path === "-") continue;
    const info = statSync4(path, { throwIfNoEntry: false });
    if (!info) throw new UsageError(`${path}: no such file or folder`);
    if (!info.isFile() && !info.isDirectory()) throw new UsageError(`${path}: not a regular file or folder`);
  }
  const checker = newChecker();
  if (baseline) checker.useBaseline(readText(baseline, "baseline"), baseline);
  const base = project.isRepository ? relative3(project.dir, process.cwd()).split(sep4).join("/") : "";
  checker.setBase(base);
  checker.setScope(roots.filter((p) => p !== "-").map((p) => displayPath(resolve2(p))));
  const { files, add, take, tally } = filesFor(checker, roots, { stdinName, shard, skip });
  const setup2 = prepare(checker, begin(), parallel && !roots.includes("-") ? { config: configFile.text, configName: configFile.name, options, base } : null);
  const before = checker.files();
  await addFiles(files, { jobs: workers, setup: setup2, add, take });
  const checked = checker.files() > before || shard && tally.offered > 0;
  return { checker, nothingChecked: checked ? null : nothingChecked(tally) };
}
function prepare(checker, steps, worker) {
  for (const [method, args] of steps) checker[method](...args);
  const verifying = steps.some(([method, args]) => method === "verifyLock" && args[1] !== void 0);
  return worker && !verifying ? { ...worker, steps } : null;
}
var pathsFor = (paths, lock2) => paths.length || !lock2.paths.length ? paths : lock2.paths;
async function check({ writeBaseline, online, ...options }) {
  if (writeBaseline && options.shard) throw new UsageError("--write-baseline records every finding of a run, not of one shard");
  const settings = setting(options);
  const paths = settings.locks.length === 1 ? pathsFor(settings.paths, settings.locks[0]) : settings.paths;
  const begin = () => [
    ...settings.locks.map((lock2) => ["verifyLock", [lock2.shown, lock2.read(intoCore), lock2.named, lock2.key, lock2.coverage(lock2.paths)]]),
    // The pins to verify online are gathered as the files go in, on one instance.
    ...online ? [["startPin", []]] : []
  ];
  const { checker, nothingChecked: nothingChecked2 } = await start({ ...settings, paths }, begin, { parallel: !online });
  if (nothingChecked2) throw new UsageError(nothingChecked2);
  if (online) await online(checker);
  checker.finish();
  if (writeBaseline) {
    const recorded = checker.baseline();
    writeAtomically(writeBaseline, recorded);
    checker.useBaseline(recorded, writeBaseline);
  }
  return checker;
}
async function lock(options) {
  const settings = setting(options);
  const results = [];
  for (const lock2 of settings.locks) {
    const begin = () => {
      if (lock2.root && !isInside(dirname3(resolve2(lock2.path)), lock2.root)) throw new UsageError(`cannot write lock ${lock2.path}: it leads outside ${lock2.root}`);
      return [["startLock", [lock2.key, lock2.coverage(lock2.paths)]]];
    };
    const { checker, nothingChecked: nothingChecked2 } = await run({ ...settings, paths: pathsFor(settings.paths, lock2) }, begin, { parallel: true });
    if (nothingChecked2) throw new UsageError(nothingChecked2);
    const write = (write2) => checker.writeLock({ write: write2 });
    results.push({ checker, path: lock2.path, refusal: checker.lockRefusal(), write, differs: () => differs(write, lock2) });
  }
  return results;
}
function differs(write, lock2) {
  const current = lock2.read(sha256);
  if (current === void 0) return true;
  const made = sha256();
  write((piece) => made.push(piece));
  return made.hash.digest("hex") !== current.hash.digest("hex");
}
function sha256() {
  const hash = loadBuiltin("node:crypto").createHash("sha256");
  return { hash, push: (bytes) => hash.update(bytes) };
}
async function references(options) {
  const { checker, nothingChecked: nothingChecked2 } = await run(setting(options), () => [["startPin", []]]);
  if (nothingChecked2) throw new UsageError(nothingChecked2);
  return checker;
}
async function drift({ live, ...options }) {
  if (!live) throw new UsageError("drift needs --live FILE (a `kubectl get -o json`, `terraform show -json` or `pulumi stack export` export)");
  const settings = setting(options);
  if (settings.locks.length > 1) {
    throw new UsageError(`drift compares one environment with its live export: name it with --env (${JSON.parse(settings.checker().environments()).map((e) => e.name).join(", ")})`);
  }
  const [lock2] = settings.locks;
  const liveText = readText(live, "live state");
  const begin = () => [["startDrift", [lock2.shown, lock2.read(intoCore), lock2.named, displayPath(resolve2(live)), liveText, lock2.key, lock2.coverage(lock2.paths)]]];
  const { checker } = await run({ ...settings, paths: pathsFor(settings.paths, lock2), skip: [live] }, begin);
  checker.drift();
  return checker;
}

// js/pin.js
import { readFileSync as readFileSync2 } from "node:fs";
import { homedir } from "node:os";
import { join as join4 } from "node:path";
var CONCURRENCY = 16;
var RETRIES = 3;
var MAX_BODY = 4 * 1024 * 1024 + 1;
function timeoutMs() {
  const seconds = Number(process.env.FIXITY_HTTP_TIMEOUT);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1e3;
}
function registryAuths() {
  const dir = process.env.DOCKER_CONFIG || join4(homedir(), ".docker");
  let config;
  try {
    config = JSON.parse(readFileSync2(join4(dir, "config.json"), "utf8"));
  } catch {
    return {};
  }
  const auths = {};
  for (const [key, entry] of Object.entries(config?.auths ?? {})) {
    const auth = entry?.auth || (entry?.username && entry?.password ? Buffer.from(`${entry.username}:${entry.password}`).toString("base64") : void 0);
    if (typeof auth !== "string" || !auth) continue;
    const host = key.replace(/^[a-z]+:\/\//, "").split("/")[0];
    auths[host === "index.docker.io" || host === "registry-1.docker.io" ? "docker.io" : host] = auth;
  }
  return auths;
}
function setup({ update, branches } = {}) {
  const env = process.env;
  const gitlabToken = env.CI_JOB_TOKEN ? ["gitlab-ci-token", env.CI_JOB_TOKEN] : env.GITLAB_TOKEN ? ["oauth2", env.GITLAB_TOKEN] : void 0;
  return {
    update: !!update,
    branches: !!branches,
    githubServer: env.GITHUB_SERVER_URL || void 0,
    gitlabServer: env.CI_SERVER_URL || void 0,
    registryAuths: registryAuths(),
    githubToken: env.GITHUB_TOKEN || env.GH_TOKEN || void 0,
    gitlabToken
  };
}
var sleep = (ms) => new Promise((resolve3) => setTimeout(resolve3, ms));
function backoff(response, attempt) {
  const after = response?.headers.get("retry-after");
  if (after) {
    const seconds = /^\d+$/.test(after.trim()) ? Number(after) : (Date.parse(after) - Date.now()) / 1e3;
    if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 60) * 1e3;
  }
  return 500 * 2 ** attempt;
}
async function readBody(response) {
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_BODY) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY);
}
function failure(e, host) {
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `${host} did not answer within ${timeoutMs() / 1e3} s`;
  const code = e?.cause?.code ?? e?.code;
  if (code === "PROXY") return e.message;
  if (code === "UND_ERR_SOCKET" || /terminated|other side closed/i.test(e?.message ?? "")) return `${host} closed the connection before the whole answer arrived`;
  return `cannot reach ${host}: ${code ?? e?.cause?.message ?? e?.message ?? e}`;
}
function proxyFor(url, env = process.env) {
  const target = new URL(url);
  const https = target.protocol === "https:";
  const proxy = https ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return void 0;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (!https && (host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host))) return void 0;
  const port = target.port || (https ? "443" : "80");
  const bypass = (env.NO_PROXY ?? env.no_proxy ?? "").split(/[,\s]+/).filter(Boolean).some((entry) => {
    if (entry === "*") return true;
    const [, name, entryPort] = entry.toLowerCase().match(/^\[?(.*?)\]?(?::(\d+))?$/) ?? [];
    const domain = name.replace(/^\*?\./, "");
    return (!entryPort || entryPort === port) && (host === domain || host.endsWith(`.${domain}`));
  });
  if (bypass) return void 0;
  return new URL(/^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
}
var proxyError = (proxy, what) => Object.assign(new Error(`proxy ${proxy.host} ${what}`), { code: "PROXY" });
function throughProxy(proxy, url, { method, headers, body, signal }) {
  if (proxy.protocol !== "http:") return Promise.reject(proxyError(proxy, `is ${proxy.protocol}//, and only http:// proxies are supported`));
  const target = new URL(url);
  const proxyAuthorization = proxy.username ? { "Proxy-Authorization": `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}` } : {};
  const proxyAt = { host: proxy.hostname.replace(/^\[|\]$/g, ""), port: proxy.port || 80, signal };
  const { request: httpRequest } = loadBuiltin("node:http");
  const send = (options) => new Promise((resolve3, reject) => {
    const req = httpRequest({ ...options, method, signal, headers: { ...headers, ...options.headers, host: target.host } }, (res) => {
      const answer = { status: res.statusCode, headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v])), body: res };
      res.cancel = async () => res.destroy();
      resolve3(answer);
    });
    req.on("error", reject);
    req.end(body);
  });
  if (target.protocol === "http:") return send({ ...proxyAt, path: url, headers: proxyAuthorization });
  return new Promise((resolve3, reject) => {
    const port = target.port || 443;
    const connect = httpRequest({ ...proxyAt, method: "CONNECT", path: `${target.hostname}:${port}`, headers: { host: `${target.hostname}:${port}`, ...proxyAuthorization } });
    connect.on("connect", (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        return reject(proxyError(proxy, `refused the tunnel to ${target.host} (${res.statusCode})`));
      }
      const tls = loadBuiltin("node:tls").connect({ socket, servername: target.hostname.replace(/^\[|\]$/g, "") });
      tls.on("error", reject);
      send({ host: target.hostname, port, path: `${target.pathname}${target.search}`, createConnection: () => tls }).then(resolve3, reject);
    });
    connect.on("error", reject);
    connect.end();
  });
}
function fetchVia(url, options) {
  const proxy = proxyFor(url);
  return proxy ? throughProxy(proxy, url, options) : fetch(url, options);
}
async function perform(request) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetchVia(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: request.body,
        redirect: "follow",
        signal: AbortSignal.timeout(timeoutMs())
      });
      const retry = response.status === 429 || response.status >= 500;
      if (retry && attempt < RETRIES) {
        await response.body?.cancel();
        await sleep(backoff(response, attempt));
        continue;
      }
      const body = await readBody(response);
      const headers = [...response.headers].filter(([name]) => !(name === "content-length" && response.headers.has("content-encoding")));
      return { status: response.status, headers, body };
    } catch (e) {
      const transient = e?.name !== "TimeoutError" && e?.name !== "AbortError";
      if (transient && attempt < RETRIES && !/closed the connection/.test(failure(e, request.host))) {
        await sleep(backoff(void 0, attempt));
        continue;
      }
      return { error: failure(e, request.host) };
    }
  }
}
function progress(checker, waiting) {
  if (!process.stderr.isTTY) return () => {
  };
  return (done) => {
    const [resolved, total] = checker.pinProgress();
    const hosts = [...new Set(waiting.values())].slice(0, 3).join(", ");
    process.stderr.write(done ? "\r\x1B[K" : `\r\x1B[KResolving ${resolved}/${total}${hosts ? ` (waiting on ${hosts})` : ""}`);
  };
}
async function resolveAll(checker) {
  const queue = JSON.parse(checker.pinRequests());
  const waiting = /* @__PURE__ */ new Map();
  const show = progress(checker, waiting);
  async function worker() {
    while (queue.length) {
      const request = queue.shift();
      waiting.set(request.id, request.host);
      show(false);
      const answer = await perform(request);
      waiting.delete(request.id);
      if (answer.error) checker.pinFailed(request.id, answer.error);
      else {
        const next = checker.pinAnswer(request.id, answer.status, JSON.stringify(answer.headers), answer.body);
        if (next) queue.push(JSON.parse(next));
      }
      show(false);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  show(true);
}
async function pin({ update, branches, dryRun, format: format2, ...options }) {
  const checker = await references(options);
  checker.planPins(JSON.stringify(setup({ update, branches })));
  await resolveAll(checker);
  const outcome = JSON.parse(checker.pinOutcome(!dryRun));
  if (!dryRun) for (const [path, text] of outcome.files) writeAtomically(path, text);
  if (format2 === "json") process.stdout.write(outcome.json);
  else if (dryRun) {
    process.stdout.write(outcome.diff);
    process.stderr.write(outcome.text);
  } else process.stdout.write(outcome.text);
  return outcome.exitCode;
}
async function verifyOnline(checker, { githubToken } = {}) {
  const setting2 = setup();
  if (githubToken) setting2.githubToken = githubToken;
  checker.planOnline(JSON.stringify(setting2));
  await resolveAll(checker);
  checker.finishOnline();
}

// js/cli.js
var HELP = `fixity ${version()}: prove your deployments are immutable

Usage:
  fixity check [PATH...] [OPTIONS]   check files and folders (default: .); - reads standard input;
                                     verifies the lock file when there is one
  fixity lock [PATH...] [--check]    write the lock file (--check: exit 1 if it would change)
  fixity drift --live FILE [PATH...] compare a live export with the lock
  fixity pin [PATH...]               pin what check reports unpinned, resolved online: images to
                                     digests; actions, includes, components, git modules and
                                     pre-commit revs to commit SHAs; remote includes gain their
                                     integrity (--dry-run: print a diff; --branches: branches too)
  fixity update [PATH...]            refresh pins that carry their tag to what it points to now
  fixity merge REPORT...             merge the JSON reports of every shard (check --shard) into
                                     one report, as one run over every file would give
  fixity policy --format kyverno|vap the image policy of the configuration as an admission policy
                                     for the cluster (a Kyverno ClusterPolicy, or a Kubernetes
                                     ValidatingAdmissionPolicy and its binding)
  fixity rules                       list the rules
  fixity explain RULE                show a rule's documentation

Options:
  --format FORMAT        ${formats().join(", ")} (default: text)
  --output FILE          write the report to FILE instead of standard output
  --report FORMAT=FILE   also write the report in FORMAT to FILE (repeatable; check and drift)
  --config FILE          configuration file (default: .fixity.yml, searched up to the repository root)
  --fail-on LEVEL        error, warning, note or never: exit 1 at or above it (default: error)
  --select RULE,...      only these rules
  --ignore RULE,...      not these rules
  --exclude GLOB         skip matching paths (repeatable)
  --baseline FILE        report only findings that FILE does not record
  --write-baseline FILE  record the current findings in FILE (then report only new ones)
  --stdin-filename NAME  the name to give standard input (it decides the kind of file)
  --shard K/N            check: only shard K of N of the files (whole folders, balanced by size); merge
                         the N JSON reports with fixity merge
  --jobs N               check, lock: files are checked by N worker threads (default: one per core;
                         runs over less than 4 MB, and lock verification, stay on one); the report is
                         the same for any N
  --lock FILE            the lock file (default: the configuration's lock:, else fixity.lock.json)
  --live FILE            drift: the live state (kubectl get -o json, terraform show -json, pulumi stack export)
  --env NAME             one environment of the configuration (its paths, lock and namespace); without it,
                         lock and check do every environment the configuration defines
  --namespace NS         the namespace of objects that name none (default: the environment's)
  --require-all          drift: a locked object whose kind the export holds none of is exit 3, not a note
  --check                lock: write nothing; exit 1 if the lock would change
  --dry-run              pin, update: print a unified diff; write nothing
  --branches             pin: pin branch refs (@main) to their commit too
  --online               check: also verify pins against their registries and repositories (rules
                         pin-mismatch, unknown-pin, stale-pin; off without it)
  -h, --help             this help
  -V, --version          the version

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or I/O error,
3 something could not be verified (lock, drift and check --online only). pin and update: 0 everything asked for is pinned,
1 some reference could not be (each is listed with the reason), 2 usage, configuration or I/O error.

Secret values in the lock are keyed-hashed with FIXITY_HMAC_KEY from the environment when it is set.`;
var VALUE_FLAGS = /* @__PURE__ */ new Set([
  "--format",
  "--output",
  "--config",
  "--fail-on",
  "--select",
  "--ignore",
  "--exclude",
  "--stdin-filename",
  "--baseline",
  "--write-baseline",
  "--lock",
  "--live",
  "--env",
  "--namespace",
  "--report",
  "--shard",
  "--jobs"
]);
function parseArgs(argv) {
  const args = { command: null, paths: [], flags: {}, exclude: [], reports: [] };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith("--") && arg.includes("=")) [arg, value] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    if (arg === "-h" || arg === "--help") args.flags.help = true;
    else if (arg === "-V" || arg === "--version") args.flags.version = true;
    else if (arg === "--check") args.flags.check = true;
    else if (arg === "--require-all") args.flags["require-all"] = true;
    else if (arg === "--dry-run") args.flags["dry-run"] = true;
    else if (arg === "--branches") args.flags.branches = true;
    else if (arg === "--online") args.flags.online = true;
    else if (VALUE_FLAGS.has(arg)) {
      if (value === void 0) {
        if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
        value = argv[++i];
      }
      if (arg === "--exclude") args.exclude.push(value);
      else if (arg === "--report") args.reports.push(value);
      else args.flags[arg.slice(2)] = value;
    } else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option \`${arg}\` (see fixity --help)`);
    else if (args.command === null) args.command = arg;
    else args.paths.push(arg);
  }
  return args;
}
var list = (value) => value ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
function runOptions(args) {
  return {
    paths: args.paths,
    config: args.flags.config,
    select: list(args.flags.select),
    ignore: list(args.flags.ignore),
    exclude: args.exclude,
    failOn: args.flags["fail-on"],
    baseline: args.flags.baseline,
    stdinName: args.flags["stdin-filename"],
    lock: args.flags.lock,
    env: args.flags.env,
    namespace: args.flags.namespace,
    requireAll: Boolean(args.flags["require-all"]),
    shard: args.flags.shard,
    jobs: args.flags.jobs
  };
}
var format = (args) => reportFormat(args.flags.format ?? "text");
function reports(args) {
  return { format: format(args), targets: reportTargets(args.reports, args.flags.output) };
}
function report(args, wanted, checker) {
  writeReports(checker, wanted.targets);
  writeReport(checker, wanted.format, args.flags.output);
  return checker.exitCode();
}
var MERGE_FLAGS = /* @__PURE__ */ new Set(["format", "output", "fail-on"]);
function mergeCommand(args) {
  const other = Object.keys(args.flags).find((flag) => !MERGE_FLAGS.has(flag));
  if (other || args.exclude.length) throw new UsageError(`--${other ?? "exclude"} is not for merge (the shards were checked with it)`);
  if (!args.paths.length) throw new UsageError("usage: fixity merge REPORT... (the JSON reports of fixity check --shard K/N)");
  const wanted = reports(args);
  const shards = args.paths.map((path) => [path, readText(path, "report")]);
  const merged = new Merged(JSON.stringify(shards), args.flags["fail-on"]);
  if (merged.files() === 0) throw new UsageError("no file was checked (by any shard)");
  return report(args, wanted, merged);
}
function policyCommand(args) {
  const other = Object.keys(args.flags).find((flag) => !["format", "config", "output"].includes(flag));
  if (other || args.paths.length || args.exclude.length || args.reports.length) throw new UsageError(`usage: fixity policy --format kyverno|vap [--config FILE] [--output FILE]${other ? ` (--${other} is not for policy)` : ""}`);
  if (!args.flags.format) throw new UsageError("policy needs --format kyverno or --format vap");
  const config = readConfig(args.flags.config);
  const text = admissionPolicy(config.text, config.name, args.flags.format);
  if (args.flags.output) writeAtomically(args.flags.output, text);
  else process.stdout.write(text);
  return 0;
}
async function lockCommand(args) {
  if (args.reports.length) throw new UsageError("--report is for check and drift");
  const wanted = reports(args);
  let stale = 0;
  for (const result of await lock(runOptions(args))) {
    if (result.refusal !== void 0) {
      report(args, wanted, result.checker);
      throw new UsageError(`${result.path} was not written: ${result.refusal}`);
    }
    if (args.flags.check) {
      if (!result.differs()) continue;
      process.stderr.write(`fixity: ${visible(result.path)} is out of date; run \`fixity lock\`
`);
      stale = 1;
      continue;
    }
    writeAtomically(result.path, result.write);
    process.stderr.write(`Wrote ${visible(result.path)}
`);
  }
  return stale;
}
async function main(argv) {
  const args = parseArgs(argv);
  if (args.flags.version) return console.log(`fixity ${version()}`), 0;
  if (args.flags.help || args.command === null) return console.log(HELP), args.flags.help ? 0 : 2;
  const only = { shard: ["check"], online: ["check"], jobs: ["check", "lock"], "dry-run": ["pin", "update"], branches: ["pin", "update"] };
  for (const [flag, commands] of Object.entries(only)) {
    if (args.flags[flag] && !commands.includes(args.command)) throw new UsageError(`--${flag} is for ${commands.join(" and ")}`);
  }
  switch (args.command) {
    case "check": {
      const wanted = reports(args);
      const online = args.flags.online ? verifyOnline : void 0;
      return report(args, wanted, await check({ ...runOptions(args), writeBaseline: args.flags["write-baseline"], online }));
    }
    case "merge":
      return mergeCommand(args);
    case "lock":
      return lockCommand(args);
    case "drift": {
      const wanted = reports(args);
      return report(args, wanted, await drift({ ...runOptions(args), live: args.flags.live }));
    }
    case "pin":
    case "update": {
      const name = args.flags.format ?? "text";
      if (name !== "text" && name !== "json") throw new UsageError(`${args.command} reports as text or json, not \`${name}\``);
      return pin({ ...runOptions(args), update: args.command === "update", branches: args.flags.branches, dryRun: args.flags["dry-run"], format: name });
    }
    case "policy":
      return policyCommand(args);
    case "rules":
      process.stdout.write(rulesTable());
      return 0;
    case "explain": {
      if (args.paths.length !== 1) throw new UsageError("usage: fixity explain RULE");
      const docs = explain(args.paths[0]);
      if (docs === void 0) throw new UsageError(`unknown rule \`${args.paths[0]}\` (see fixity rules)`);
      process.stdout.write(docs);
      return 0;
    }
    default:
      throw new UsageError(`unknown command \`${args.command}\` (see fixity --help)`);
  }
}
process.stdout.on("error", (e) => {
  if (e.code !== "EPIPE") throw e;
});
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`fixity: ${errorMessage(e)}
`);
  process.exitCode = 2;
}
