package io.envaudit.engine.reference;

import java.util.Random;

/**
 * Generates PEP 440 versions and specifiers that exercise every corner of the grammar: spellings,
 * separators, implicit numbers, leading zeros, case, local labels, white space, and near-misses that
 * must be rejected. Deterministic for a seed, so a failure reproduces.
 */
final class Pep440Generator {
    private static final String[] PRE = {"a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "A", "RC", "Beta"};
    private static final String[] POST = {"post", "rev", "r", "POST", "Rev"};
    private static final String[] SEPARATORS = {"", "", ".", "-", "_"};
    private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "<", ">", "~=", "==="};
    private static final String[] LOCAL_PARTS = {"ubuntu", "cu121", "1", "01", "abc", "g1234abc", "cpu", "2", "x", "10"};
    private static final String NOISE = "vV.-_!+*0123456789abcdeprtsx ";
    private static final java.util.regex.Pattern CLAUSE = java.util.regex.Pattern.compile("(~=|===|==|!=|<=|>=|<|>)\\s*(.+)");

    private final Random random;

    Pep440Generator(long seed) {
        this.random = new Random(seed);
    }

    /** A version; about one in seven is deliberately malformed. */
    String version(boolean withEpoch) {
        if (random.nextInt(7) == 0) {
            return mutate(wellFormed(withEpoch, true));
        }
        return wellFormed(withEpoch, true);
    }

    String wellFormed(boolean withEpoch, boolean withLocal) {
        StringBuilder v = new StringBuilder();
        if (random.nextInt(10) == 0) {
            v.append(random.nextBoolean() ? "v" : "V");
        }
        if (withEpoch && random.nextInt(6) == 0) {
            v.append(number()).append('!');
        }
        v.append(release(1 + random.nextInt(4)));
        if (random.nextInt(3) == 0) {
            v.append(pick(SEPARATORS)).append(pick(PRE));
            if (random.nextInt(4) != 0) {
                v.append(pick(SEPARATORS)).append(number());
            }
        }
        if (random.nextInt(4) == 0) {
            if (random.nextInt(4) == 0) {
                v.append('-').append(number());
            } else {
                v.append(pick(SEPARATORS)).append(pick(POST));
                if (random.nextInt(4) != 0) {
                    v.append(pick(SEPARATORS)).append(number());
                }
            }
        }
        if (random.nextInt(4) == 0) {
            v.append(pick(SEPARATORS)).append(random.nextBoolean() ? "dev" : "DEV");
            if (random.nextInt(4) != 0) {
                v.append(pick(SEPARATORS)).append(number());
            }
        }
        if (withLocal && random.nextInt(5) == 0) {
            v.append('+').append(pick(LOCAL_PARTS));
            for (int i = random.nextInt(3); i > 0; i--) {
                v.append(".-_".charAt(random.nextInt(3))).append(pick(LOCAL_PARTS));
            }
        }
        if (random.nextInt(15) == 0) {
            return " " + v + (random.nextBoolean() ? "  " : "\u000b");
        }
        return v.toString();
    }

    String release(int length) {
        StringBuilder r = new StringBuilder(number());
        for (int i = 1; i < length; i++) {
            r.append('.').append(number());
        }
        return r.toString();
    }

    /** Small numbers mostly, with zeros, leading zeros and an occasional large one. */
    String number() {
        return switch (random.nextInt(12)) {
            case 0 -> "0";
            case 1 -> "00";
            case 2 -> "0" + random.nextInt(10);
            case 3 -> Long.toString(Math.abs(random.nextLong() % 1_000_000_000_000L));
            case 4 -> Integer.toString(10 + random.nextInt(90));
            default -> Integer.toString(random.nextInt(4));
        };
    }

    /** A specifier set of one to three clauses; epochs only where 23.0 and its fixes agree. */
    String specifierSet() {
        StringBuilder s = new StringBuilder(clause());
        for (int i = random.nextInt(3); i > 0; i--) {
            s.append(random.nextBoolean() ? "," : " , ").append(clause());
        }
        return random.nextInt(20) == 0 ? mutate(s.toString()) : s.toString();
    }

    String clause() {
        String op = pick(OPERATORS);
        String space = random.nextInt(6) == 0 ? " " : "";
        switch (op) {
            case "==", "!=" -> {
                if (random.nextInt(3) == 0) {
                    return op + space + release(1 + random.nextInt(3)) + ".*";
                }
                return op + space + wellFormed(true, true).strip();
            }
            case "===" -> {
                return op + space + wellFormed(false, random.nextBoolean()).strip();
            }
            case "~=" -> {
                return op + space + compatibleOperand();
            }
            default -> {
                return op + space + wellFormed(true, false).strip();
            }
        }
    }

    private String compatibleOperand() {
        String v;
        do {
            v = wellFormed(false, false).strip();
        } while (!v.matches("(?i)v?[0-9]+\\.[0-9]+.*"));
        return v;
    }

    /** A version equal to or near {@code v}: the same value spelled differently, or one step away. */
    String mutateKeepingShape(String v) {
        return switch (random.nextInt(9)) {
            case 0 -> v + ".0";
            case 1 -> v.toUpperCase(java.util.Locale.ROOT);
            case 2 -> (random.nextBoolean() ? "v" : "") + swapSeparators(v);
            case 3 -> bumpADigit(v);
            case 4 -> v.contains("+") ? v.substring(0, v.indexOf('+')) : v + "+" + LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)];
            case 5 -> v + (random.nextBoolean() ? ".post1" : "-1");
            case 6 -> v + (random.nextBoolean() ? "rc1" : "a0");
            case 7 -> v + ".dev0";
            default -> v;
        };
    }

    /**
     * The same version with other separators where PEP 440 lets them vary: around the pre, post and dev
     * labels and inside the local label any of ".", "-", "_" may stand; between release numbers only ".".
     */
    String swapSeparators(String v) {
        StringBuilder b = new StringBuilder(v);
        int local = v.indexOf('+');
        for (int i = 1; i < b.length() - 1; i++) {
            char c = b.charAt(i);
            boolean betweenDigits = Character.isDigit(b.charAt(i - 1)) && Character.isDigit(b.charAt(i + 1));
            if (".-_".indexOf(c) >= 0 && ((local >= 0 && i > local) || !betweenDigits) && random.nextBoolean()) {
                b.setCharAt(i, ".-_".charAt(random.nextInt(3)));
            }
        }
        return b.toString();
    }

    /**
     * The same specifier set written another way, mostly equal to it: clauses reordered, one repeated,
     * other spacing, and now and then a version respelled or moved a step (so some pairs differ).
     */
    String respelled(String set) {
        java.util.List<String> clauses = new java.util.ArrayList<>(java.util.Arrays.asList(set.split(",", -1)));
        java.util.Collections.shuffle(clauses, random);
        if (random.nextInt(4) == 0) {
            clauses.add(clauses.get(random.nextInt(clauses.size())));
        }
        StringBuilder out = new StringBuilder();
        for (String clause : clauses) {
            java.util.regex.Matcher m = CLAUSE.matcher(clause.strip());
            String written = clause;
            if (m.matches() && random.nextInt(3) == 0) {
                String operand = m.group(2);
                // a wildcard or an arbitrary-equality operand is text to respell only as it is
                if (!operand.endsWith(".*") && !m.group(1).equals("===")) {
                    operand = mutateKeepingShape(operand);
                }
                written = m.group(1) + (random.nextBoolean() ? " " : "") + operand;
            }
            out.append(out.length() == 0 ? "" : random.nextBoolean() ? "," : " , ").append(written);
        }
        return out.toString();
    }

    /** A version close to an operand of {@code spec}, so that matching is decided by the interesting rules. */
    String versionNear(String spec) {
        java.util.regex.Matcher operand = java.util.regex.Pattern.compile("[0-9][0-9A-Za-z.!+_-]*").matcher(spec);
        if (random.nextInt(5) == 0 || !operand.find()) {
            return version(true);
        }
        String v = operand.group();
        while (v.endsWith(".") || v.endsWith("-") || v.endsWith("_")) {
            v = v.substring(0, v.length() - 1);
        }
        return random.nextInt(4) == 0 ? v : mutateKeepingShape(v);
    }

    private String bumpADigit(String v) {
        StringBuilder b = new StringBuilder(v);
        for (int tries = 0; tries < 5; tries++) {
            int at = random.nextInt(b.length());
            char c = b.charAt(at);
            if (c >= '0' && c <= '8') {
                b.setCharAt(at, (char) (c + 1));
                return b.toString();
            }
        }
        return v;
    }

    String mutate(String s) {
        StringBuilder m = new StringBuilder(s);
        int edits = 1 + random.nextInt(2);
        for (int i = 0; i < edits; i++) {
            int at = m.length() == 0 ? 0 : random.nextInt(m.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> m.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 1 -> {
                    if (at < m.length()) {
                        m.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < m.length()) {
                        m.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    }
                }
            }
        }
        return m.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
