if [ -f x ]; then { cat <<EOF > y
body
EOF
}; fi; for i in 1 2; do echo "$i" 'q' $((i+1)); done # c
