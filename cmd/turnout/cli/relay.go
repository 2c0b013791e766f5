package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/turnout-app/turnout/core"
)

// While "turnout serve" or the window has the data file, other turnout
// commands on that file are relayed to it: the running Turnout listens on
// a socket beside the data file (owner-only, in the 0700 data folder)
// and runs each command with its own engine, sending the output back. So
// an office can script imports on the always-on PC that serves clicks.

// relayRequest is a command sent to the running Turnout.
type relayRequest struct {
	Args []string `json:"args"`
	Cwd  string   `json:"cwd"` // relative file names are the sender's
}

// relayFrame is one piece of the answer: output, or the exit code last.
type relayFrame struct {
	Out  string `json:"out,omitempty"`
	Err  string `json:"err,omitempty"`
	Exit *int   `json:"exit,omitempty"`
}

// notRelayed are commands that only make sense in a Turnout of their own.
var notRelayed = [][]string{{"serve"}, {"restore"}}

func relaySocket(dataPath string) string { return dataPath + ".sock" }

// ServeRelay runs commands sent by other turnout processes until ctx
// ends. A failure to listen is logged: the window and serve work
// without it.
func ServeRelay(ctx context.Context, g Global, svc core.Services, log *slog.Logger) {
	path, err := g.DataPath()
	if err != nil {
		return
	}
	sock := relaySocket(path)
	// Only one process holds the data file, so a socket left here is
	// from a Turnout that crashed.
	os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		log.Warn("other turnout commands cannot reach this one", "err", err)
		return
	}
	if err := os.Chmod(sock, 0o600); err != nil {
		ln.Close()
		return
	}
	go func() { <-ctx.Done(); ln.Close() }()
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			runRelayed(ctx, conn, svc)
		}()
	}
}

func runRelayed(ctx context.Context, conn net.Conn, svc core.Services) {
	var req relayRequest
	if err := json.NewDecoder(bufio.NewReader(io.LimitReader(conn, 1<<20))).Decode(&req); err != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := &frameWriter{enc: json.NewEncoder(conn)}
	code := runCommandIn(ctx, req, svc, out.stream(false), out.stream(true))
	out.exit(code)
}

func runCommandIn(ctx context.Context, req relayRequest, svc core.Services, stdout, stderr io.Writer) int {
	g, rest, err := ParseGlobal(req.Args)
	if err != nil {
		return fail(stderr, err)
	}
	cmd, cmdArgs := lookup(rest)
	if cmd == nil {
		return fail(stderr, core.Errorf(core.EINVALID, "Unknown command %q. Run \"turnout help\" for the list of commands.", strings.Join(rest, " ")))
	}
	if slices.ContainsFunc(notRelayed, func(w []string) bool { return slices.Equal(w, cmd.words) }) {
		return fail(stderr, core.ErrAlreadyRunning)
	}
	c := &call{ctx: ctx, g: g, args: cmdArgs, stdin: strings.NewReader(""), stdout: stdout, stderr: stderr,
		cwd: req.Cwd, relayed: true}
	if err := cmd.run(c, svc); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// relay sends a command to the Turnout running on dataPath; ok is false
// when none answers (then the caller says Turnout is already running).
func relay(dataPath string, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	conn, err := net.Dial("unix", relaySocket(dataPath))
	if err != nil {
		return 0, false
	}
	defer conn.Close()
	cwd, _ := os.Getwd()
	if err := json.NewEncoder(conn).Encode(relayRequest{Args: args, Cwd: cwd}); err != nil {
		return 0, false
	}
	dec := json.NewDecoder(conn)
	for {
		var f relayFrame
		if err := dec.Decode(&f); err != nil {
			return fail(stderr, core.Errorf(core.EUNAVAILABLE, "The running Turnout stopped before the command finished; run it again.")), true
		}
		io.WriteString(stdout, f.Out)
		io.WriteString(stderr, f.Err)
		if f.Exit != nil {
			return *f.Exit, true
		}
	}
}

// frameWriter sends output frames; stdout and stderr share the socket.
type frameWriter struct {
	mu  sync.Mutex
	enc *json.Encoder
}

type frameStream struct {
	w   *frameWriter
	err bool
}

func (w *frameWriter) stream(stderr bool) io.Writer { return frameStream{w, stderr} }

func (s frameStream) Write(p []byte) (int, error) {
	f := relayFrame{Out: string(p)}
	if s.err {
		f = relayFrame{Err: string(p)}
	}
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	return len(p), s.w.enc.Encode(f)
}

func (w *frameWriter) exit(code int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	_ = w.enc.Encode(relayFrame{Exit: &code})
}

// path resolves a file name given on the command line: relative to the
// directory the command was typed in, which for a relayed command is
// the sender's. Standard input is the sender's too, so it cannot be
// read from here.
func (c *call) path(name string) (string, error) {
	if c.relayed && (name == "-" || strings.HasPrefix(name, "/dev/std") || name == "/dev/fd/0") {
		return "", core.Errorf(core.EINVALID, "Turnout is running with this data file, so this command runs there and cannot read "+
			"what you type or pipe in. Save it to a file and give the file's name.")
	}
	if filepath.IsAbs(name) || c.cwd == "" {
		return name, nil
	}
	return filepath.Join(c.cwd, name), nil
}
