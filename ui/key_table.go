package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyTable is a table with headers that also acts on the Delete key. A
// tapped table takes the keyboard focus, so the key reaches the table and
// never the window: the table itself must handle it.
type keyTable struct {
	widget.Table
	onDelete func() // Delete (and ⌫ on a Mac, where that key is "delete")
}

func newKeyTable(length func() (int, int), create func() fyne.CanvasObject,
	update func(widget.TableCellID, fyne.CanvasObject), onDelete func()) *keyTable {
	t := &keyTable{onDelete: onDelete}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow, t.ShowHeaderColumn = true, true
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey runs onDelete for the delete key; arrows and space keep moving
// and selecting as in any table.
func (t *keyTable) TypedKey(ev *fyne.KeyEvent) {
	if isDeleteKey(ev.Name) && t.onDelete != nil {
		t.onDelete()
		return
	}
	t.Table.TypedKey(ev)
}

func isDeleteKey(k fyne.KeyName) bool {
	return k == fyne.KeyDelete || (k == fyne.KeyBackspace && runtime.GOOS == "darwin")
}
