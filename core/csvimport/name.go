package csvimport

import "strings"

// splitFullName splits "Mary Ann Smith" into "Mary Ann" and "Smith": the
// last word is the family name, which is right for most lists staff import
// and easy to correct by hand when it is not.
func splitFullName(full string) (first, last string) {
	full = strings.Join(strings.Fields(full), " ")
	i := strings.LastIndexByte(full, ' ')
	if i < 0 {
		return full, ""
	}
	return full[:i], full[i+1:]
}
