package export

import (
	"strings"
	"unicode/utf16"
)

// maxSheetNameUnits is Excel's limit on a sheet name, in UTF-16 units.
const maxSheetNameUnits = 31

// sheetTitle makes a sheet name Excel accepts out of any text, typically an
// event title: it may not contain : \ / ? * [ ], be longer than 31
// characters, or start or end with an apostrophe. Refusing "Q3: Tax/Law"
// would only make the export fail for staff, so the name is tidied instead.
func sheetTitle(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`:\/?*[]`, r) {
			return ' '
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	units := 0
	for i, r := range name {
		units += utf16.RuneLen(r)
		if units > maxSheetNameUnits {
			name = name[:i]
			break
		}
	}
	name = strings.TrimSpace(strings.Trim(strings.TrimSpace(name), "'"))
	if name == "" {
		return "Sheet1"
	}
	return name
}
