// The replay server lands here (issue 3).
