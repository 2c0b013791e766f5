package cli

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnEchoingRingCentralPutsNoJWTInTheLog: a RingCentral token endpoint
// that refuses the JWT bearer grant by echoing the request (the Basic
// header with the client secret, the form with the JWT as its assertion)
// leaves neither in turnout.log, the output or the data file.
func TestAnEchoingRingCentralPutsNoJWTInTheLog(t *testing.T) {
	const clientID, secret = "rc-Echo-Client-7", "rc-Echo-Secret-4419"
	const jwt = "eyJraWQiOiI4NzYyZjU5OGQwNTk0NGRiODZiZjVjYTk3ODA0NzYwOCJ9.eyJzdWIiOiI0MDAxMzEyMzQwMDgifQ.EchoSig-9f8e7d6c5b4a"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dump, _ := httputil.DumpRequest(r, true)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant", "error_description": "refused: " + string(dump)})
	}))
	defer echo.Close()
	data := dataFile(t)
	jwtFile := filepath.Join(t.TempDir(), "rc.jwt")
	if err := os.WriteFile(jwtFile, []byte(jwt), 0o600); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	code, out, errOut := runIn(t, secret+"\n", "--data", data, "account", "add", "ringcentral", "--name", "Echo RC",
		"--client-id", clientID, "--client-secret-stdin", "--jwt-file", jwtFile, "--api-url", echo.URL)
	all.WriteString(out + errOut)
	if code != 0 {
		t.Fatalf("account add: %s", errOut)
	}
	code, out, errOut = runIn(t, "", "--data", data, "account", "test", "Echo RC")
	all.WriteString(out + errOut)
	if code == 0 {
		t.Fatal("account test passed against a server that refuses everything")
	}
	_, out, _ = runIn(t, "", "--data", data, "--json", "account", "list")
	all.WriteString(out)
	logData, err := os.ReadFile(filepath.Join(filepath.Dir(data), "turnout.log"))
	if err != nil || !strings.Contains(string(logData), "account test failed") {
		t.Fatalf("the log lacks the failure (%v):\n%s", err, logData)
	}
	raw, _ := os.ReadFile(data)
	basic := base64.StdEncoding.EncodeToString([]byte(clientID + ":" + secret))
	for _, s := range append([]string{secret, basic}, strings.Split(jwt, ".")...) {
		for name, text := range map[string]string{"turnout.log": string(logData), "output": all.String(), "data file": string(raw)} {
			if strings.Contains(text, s) {
				t.Errorf("%s holds the credential %q:\n%s", name, s, text)
			}
		}
	}
}
