package engine

import (
	"errors"
	"testing"
)

func TestPipeKeepsOrderAndReportsTheWritersError(t *testing.T) {
	var got []int
	p := startPipe(func(i int) error { got = append(got, i); return nil })
	for i := range 2000 {
		if err := p.send(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.close(nil); err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("item %d arrived as %d", i, v)
		}
	}
	if len(got) != 2000 {
		t.Fatalf("got %d items, want 2000", len(got))
	}

	diskFull := errors.New("disk full")
	p = startPipe(func(i int) error {
		if i == 700 {
			return diskFull
		}
		return nil
	})
	var sendErr error
	for i := 0; i < 100_000 && sendErr == nil; i++ {
		sendErr = p.send(i)
	}
	if !errors.Is(sendErr, errPipeStopped) {
		t.Fatalf("the reader was not stopped after the writer failed: %v", sendErr)
	}
	if err := p.close(sendErr); !errors.Is(err, diskFull) {
		t.Fatalf("close = %v, want the writer's error", err)
	}
}
