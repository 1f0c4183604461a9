# escape=`
FROM mcr.microsoft.com/windows
RUN Get-Item `
  -Path x
COPY a c:\
