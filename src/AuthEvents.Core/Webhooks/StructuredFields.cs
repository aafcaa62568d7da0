using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AuthEvents.Core.Webhooks;

/// <summary>
/// The part of RFC 8941 (Structured Field Values) that <c>Content-Digest</c>, <c>Signature-Input</c> and
/// <c>Signature</c> need: dictionaries whose members are items or inner lists with parameters. Parsing is strict, as
/// RFC 8941 §4.2 requires: anything outside the grammar fails the whole field rather than being skipped.
/// </summary>
internal static class StructuredFields
{
    // Far above any real signature header; bounds the work an attacker can ask for.
    private const int MaxFieldLength = 16 * 1024;

    /// <summary>Parses a dictionary field value. Duplicate keys keep the last value, as RFC 8941 §4.2.2 says.</summary>
    public static bool TryParseDictionary(string? fieldValue, [NotNullWhen(true)] out IReadOnlyDictionary<string, StructuredFieldMember>? dictionary)
    {
        dictionary = null;
        if (fieldValue is null || fieldValue.Length > MaxFieldLength)
        {
            return false;
        }

        var parser = new Parser(fieldValue);
        if (!parser.TryParseDictionary(out var parsed))
        {
            return false;
        }

        dictionary = parsed;
        return true;
    }

    private sealed class Parser(string input)
    {
        private static readonly Dictionary<string, object> NoParameters = new(StringComparer.Ordinal);
        private readonly string _input = input;
        private int _pos;

        private bool AtEnd => _pos >= _input.Length;

        private char Current => _input[_pos];

        public bool TryParseDictionary(out Dictionary<string, StructuredFieldMember> dictionary)
        {
            dictionary = new Dictionary<string, StructuredFieldMember>(StringComparer.Ordinal);
            SkipSpaces();
            while (!AtEnd)
            {
                if (!TryParseKey(out var key))
                {
                    return false;
                }

                var start = _pos;
                StructuredFieldMember member;
                if (!AtEnd && Current == '=')
                {
                    _pos++;
                    start = _pos;
                    if (!TryParseItemOrInnerList(out var item, out var innerList, out var parameters))
                    {
                        return false;
                    }

                    member = new StructuredFieldMember(item, innerList, parameters, _input[start.._pos]);
                }
                else
                {
                    if (!TryParseParameters(out var parameters))
                    {
                        return false;
                    }

                    member = new StructuredFieldMember(true, null, parameters, _input[start.._pos]);
                }

                dictionary[key] = member;
                SkipOptionalWhitespace();
                if (AtEnd)
                {
                    return true;
                }

                if (Current != ',')
                {
                    return false;
                }

                _pos++;
                SkipOptionalWhitespace();
                if (AtEnd)
                {
                    return false; // trailing comma
                }
            }

            return true;
        }

        private bool TryParseItemOrInnerList(out object? item, out List<StructuredFieldItem>? innerList, out Dictionary<string, object> parameters)
        {
            item = null;
            innerList = null;
            parameters = NoParameters;
            if (!AtEnd && Current == '(')
            {
                return TryParseInnerList(out innerList, out parameters);
            }

            if (!TryParseBareItem(out var bare))
            {
                return false;
            }

            item = bare;
            return TryParseParameters(out parameters);
        }

        private bool TryParseInnerList(out List<StructuredFieldItem>? items, out Dictionary<string, object> parameters)
        {
            items = [];
            parameters = NoParameters;
            _pos++; // '('
            while (!AtEnd)
            {
                SkipSpaces();
                if (AtEnd)
                {
                    return false;
                }

                if (Current == ')')
                {
                    _pos++;
                    return TryParseParameters(out parameters);
                }

                if (!TryParseBareItem(out var bare) || !TryParseParameters(out var itemParameters))
                {
                    return false;
                }

                items.Add(new StructuredFieldItem(bare, itemParameters));
                if (AtEnd || (Current != ' ' && Current != ')'))
                {
                    return false;
                }
            }

            return false; // no closing parenthesis
        }

        private bool TryParseParameters(out Dictionary<string, object> parameters)
        {
            parameters = NoParameters;
            while (!AtEnd && Current == ';')
            {
                _pos++;
                SkipSpaces();
                if (!TryParseKey(out var key))
                {
                    return false;
                }

                object value = true;
                if (!AtEnd && Current == '=')
                {
                    _pos++;
                    if (!TryParseBareItem(out value))
                    {
                        return false;
                    }
                }

                if (ReferenceEquals(parameters, NoParameters))
                {
                    parameters = new Dictionary<string, object>(StringComparer.Ordinal);
                }

                parameters[key] = value;
            }

            return true;
        }

        private bool TryParseKey(out string key)
        {
            key = "";
            if (AtEnd || !(IsLowerAlpha(Current) || Current == '*'))
            {
                return false;
            }

            var start = _pos;
            while (!AtEnd && (IsLowerAlpha(Current) || char.IsAsciiDigit(Current) || Current is '_' or '-' or '.' or '*'))
            {
                _pos++;
            }

            key = _input[start.._pos];
            return true;
        }

        private bool TryParseBareItem(out object value)
        {
            value = false;
            if (AtEnd)
            {
                return false;
            }

            var c = Current;
            if (c == '-' || char.IsAsciiDigit(c))
            {
                return TryParseNumber(out value);
            }

            if (c == '"')
            {
                return TryParseString(out value);
            }

            if (c == '*' || char.IsAsciiLetter(c))
            {
                value = ParseToken();
                return true;
            }

            if (c == ':')
            {
                return TryParseByteSequence(out value);
            }

            if (c == '?')
            {
                return TryParseBoolean(out value);
            }

            return false;
        }

        private bool TryParseNumber(out object value)
        {
            value = 0L;
            var start = _pos;
            var negative = Current == '-';
            if (negative)
            {
                _pos++;
            }

            if (AtEnd || !char.IsAsciiDigit(Current))
            {
                return false;
            }

            var digitsStart = _pos;
            var dot = -1;
            while (!AtEnd && (char.IsAsciiDigit(Current) || (Current == '.' && dot < 0)))
            {
                if (Current == '.')
                {
                    if (_pos - digitsStart > 12)
                    {
                        return false;
                    }

                    dot = _pos;
                }

                _pos++;
                if (_pos - digitsStart > (dot < 0 ? 15 : 16))
                {
                    return false;
                }
            }

            var text = _input[start.._pos];
            if (dot < 0)
            {
                value = long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return true;
            }

            var fractionDigits = _pos - dot - 1;
            if (fractionDigits is < 1 or > 3)
            {
                return false;
            }

            value = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return true;
        }

        private bool TryParseString(out object value)
        {
            value = "";
            _pos++; // opening quote
            var builder = new System.Text.StringBuilder();
            while (!AtEnd)
            {
                var c = Current;
                _pos++;
                if (c == '\\')
                {
                    if (AtEnd || (Current != '"' && Current != '\\'))
                    {
                        return false;
                    }

                    builder.Append(Current);
                    _pos++;
                }
                else if (c == '"')
                {
                    value = builder.ToString();
                    return true;
                }
                else if (c is < ' ' or > '~')
                {
                    return false;
                }
                else
                {
                    builder.Append(c);
                }
            }

            return false; // no closing quote
        }

        private StructuredFieldToken ParseToken()
        {
            var start = _pos;
            _pos++;
            while (!AtEnd && (IsTokenChar(Current) || Current is ':' or '/'))
            {
                _pos++;
            }

            return new StructuredFieldToken(_input[start.._pos]);
        }

        private bool TryParseByteSequence(out object value)
        {
            value = Array.Empty<byte>();
            _pos++; // opening colon
            var start = _pos;
            while (!AtEnd && Current != ':')
            {
                if (!(char.IsAsciiLetterOrDigit(Current) || Current is '+' or '/' or '='))
                {
                    return false;
                }

                _pos++;
            }

            if (AtEnd)
            {
                return false;
            }

            var encoded = _input[start.._pos];
            _pos++; // closing colon

            // RFC 8941 §4.2.7: parsers SHOULD NOT fail when the '=' padding is missing.
            if (encoded.Length % 4 != 0 && !encoded.Contains('=', StringComparison.Ordinal))
            {
                encoded = encoded.PadRight(encoded.Length + (4 - (encoded.Length % 4)), '=');
            }

            var buffer = new byte[encoded.Length];
            if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
            {
                return false;
            }

            value = buffer.AsSpan(0, written).ToArray();
            return true;
        }

        private bool TryParseBoolean(out object value)
        {
            value = false;
            _pos++; // '?'
            if (AtEnd || Current is not ('0' or '1'))
            {
                return false;
            }

            value = Current == '1';
            _pos++;
            return true;
        }

        private void SkipSpaces()
        {
            while (!AtEnd && Current == ' ')
            {
                _pos++;
            }
        }

        private void SkipOptionalWhitespace()
        {
            while (!AtEnd && Current is ' ' or '\t')
            {
                _pos++;
            }
        }

        private static bool IsLowerAlpha(char c) => c is >= 'a' and <= 'z';

        // RFC 9110 tchar.
        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
    }
}
