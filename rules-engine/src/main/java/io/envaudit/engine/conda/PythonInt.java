package io.envaudit.engine.conda;

import io.envaudit.engine.version.PythonWhitespace;
import java.math.BigInteger;

/** Python's {@code int(str)}: surrounding whitespace, a sign, Unicode decimal digits, single underscores between digits. */
final class PythonInt {
    private PythonInt() {
    }

    /** The integer, or null when Python's {@code int()} would raise ValueError. */
    static BigInteger parse(String value) {
        String s = PythonWhitespace.strip(value);
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i >= s.length()) {
            return null;
        }
        StringBuilder digits = new StringBuilder(s.length() - i);
        boolean previousWasDigit = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (!previousWasDigit || i + 1 >= s.length()) {
                    return null;
                }
                previousWasDigit = false;
                continue;
            }
            int digit = Character.digit(c, 10);
            if (digit < 0 || Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER) {
                return null;
            }
            digits.append((char) ('0' + digit));
            previousWasDigit = true;
        }
        if (!previousWasDigit || digits.length() > 4300) {
            // Python refuses integer strings over 4300 digits (sys.int_info.str_digits_check_threshold).
            return null;
        }
        BigInteger result = new BigInteger(digits.toString());
        return negative ? result.negate() : result;
    }
}
