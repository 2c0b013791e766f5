package csvfile

import "bytes"

// sepLine recognises Excel's "sep=;" first line, which names the delimiter
// and is not part of the table. It returns the delimiter and the length of
// the line with its line end, or 0, 0. "sep=\t" may be a real tab or the
// two characters backslash and t; quotes around the line and trailing
// delimiters (padding added by some tools) are allowed.
func sepLine(sample []byte) (delimiter byte, length int) {
	line := sample
	if i := bytes.IndexAny(sample, "\r\n"); i >= 0 {
		line = sample[:i]
		length = i + 1
		if sample[i] == '\r' && i+1 < len(sample) && sample[i+1] == '\n' {
			length++
		}
	} else {
		length = len(sample)
	}
	if len(line) > 2 && line[0] == '"' && line[len(line)-1] == '"' {
		line = line[1 : len(line)-1]
	}
	if len(line) < 5 || !bytes.EqualFold(line[:4], []byte("sep=")) {
		return 0, 0
	}
	rest := line[4:]
	switch {
	case bytes.HasPrefix(rest, []byte(`\t`)):
		delimiter, rest = '\t', rest[2:]
	default:
		delimiter, rest = rest[0], rest[1:]
	}
	if !usableDelimiter(delimiter) || len(bytes.Trim(rest, string(delimiter)+" ")) > 0 {
		return 0, 0
	}
	return delimiter, length
}

// usableDelimiter refuses characters that can't separate cells: letters,
// digits, quotes, spaces and line ends would split the text in nonsense.
func usableDelimiter(d byte) bool {
	switch {
	case d == '\t':
		return true
	case d <= ' ' || d >= 0x7F || d == '"':
		return false
	case d >= '0' && d <= '9', d >= 'a' && d <= 'z', d >= 'A' && d <= 'Z':
		return false
	}
	return true
}

// sniffLines is how many non-blank lines sniffDelimiter looks at for one
// that holds a delimiter (reports may start with a title line).
const sniffLines = 10

// sniffDelimiter picks the delimiter that occurs most often, outside quotes,
// in the first non-blank line that has any: Excel writes ";" where the
// decimal mark is a comma, and tab for "Unicode Text". Ties and files
// without any delimiter get a comma.
func sniffDelimiter(sample []byte) byte {
	seen := 0
	for len(sample) > 0 && seen < sniffLines {
		line := sample
		if i := bytes.IndexAny(sample, "\r\n"); i >= 0 {
			line, sample = sample[:i], sample[i+1:]
		} else {
			sample = nil
		}
		if len(bytes.Trim(line, " \t\r,;")) == 0 {
			continue // blank, or only delimiters: says nothing
		}
		seen++
		if d, ok := lineDelimiter(line); ok {
			return d
		}
	}
	return ','
}

func lineDelimiter(line []byte) (byte, bool) {
	var commas, semicolons, tabs int
	inQuotes := false
	for _, b := range line {
		switch {
		case b == '"':
			inQuotes = !inQuotes
		case inQuotes:
		case b == ',':
			commas++
		case b == ';':
			semicolons++
		case b == '\t':
			tabs++
		}
	}
	switch {
	case commas+semicolons+tabs == 0:
		return 0, false
	case semicolons > commas && semicolons >= tabs:
		return ';', true
	case tabs > commas && tabs > semicolons:
		return '\t', true
	}
	return ',', true
}

// tabFirst reports whether the first line of a UTF-16 file that has a
// tab or a comma has a tab. UTF-16 text files are tab-separated by
// convention (Excel's "Unicode Text", Teams' attendance report), and their
// first lines are often "key<tab>value" pairs whose values hold commas
// ("Meeting title<tab>Budget clinic, winter"), which counting alone would
// read as comma-separated.
func tabFirst(sample []byte) bool {
	i := bytes.IndexAny(sample, "\t,")
	return i >= 0 && sample[i] == '\t'
}
