ARG V=1
FROM a:${V:-x} AS b
RUN <<A cat > f && <<-"B" cat
body
A
	x
	B
ENV X=${V:+y} Y="$X \"q\"" Z='$V'
ONBUILD COPY --from=b . /
HEALTHCHECK --interval=5s CMD ["curl","-f","x"]
SHELL ["sh","-c"]
