{{/* Chart name, truncated to 63 characters. */}}
{{- define "vigil.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name. */}}
{{- define "vigil.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "vigil.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "vigil.labels" -}}
helm.sh/chart: {{ include "vigil.chart" . }}
{{ include "vigil.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: vigil
{{- end }}

{{- define "vigil.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vigil.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "vigil.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "vigil.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "vigil.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* True ("true") when both external Kafka and PostgreSQL are configured. */}}
{{- define "vigil.clusterMode" -}}
{{- if and .Values.kafka.bootstrapServers .Values.postgresql.url }}true{{ end }}
{{- end }}

{{- define "vigil.secretName" -}}
{{- include "vigil.fullname" . }}
{{- end }}

{{/* Whether the chart's own Secret has anything to hold. */}}
{{- define "vigil.createSecret" -}}
{{- if or (and (not .Values.adminToken.existingSecret) .Values.adminToken.value) (and .Values.postgresql.url (not .Values.postgresql.existingSecret)) }}true{{ end }}
{{- end }}

{{/* Secret name and key that hold the admin token. */}}
{{- define "vigil.adminTokenSecretName" -}}
{{- if .Values.adminToken.existingSecret }}{{ .Values.adminToken.existingSecret }}
{{- else }}{{ include "vigil.secretName" . }}
{{- end }}
{{- end }}

{{- define "vigil.adminTokenSecretKey" -}}
{{- if .Values.adminToken.existingSecret }}{{ .Values.adminToken.existingSecretKey }}{{ else }}admin-token{{ end }}
{{- end }}

{{/*
Checks on values that the schema cannot express well; a clear message instead of a broken release.
*/}}
{{- define "vigil.validate" -}}
{{- $scaled := or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled }}
{{- if and $scaled (not (include "vigil.clusterMode" .)) }}
{{- fail "replicaCount > 1 (or autoscaling.enabled) needs cluster mode: set kafka.bootstrapServers and postgresql.url. In embedded mode the Kafka log and the H2 database live inside one pod and cannot be shared." }}
{{- end }}
{{- if and .Values.postgresql.url (not (hasPrefix "jdbc:postgresql://" .Values.postgresql.url)) }}
{{- fail "postgresql.url must start with jdbc:postgresql://" }}
{{- end }}
{{- if and .Values.postgresql.url (not .Values.postgresql.existingSecret) (not .Values.postgresql.password) }}
{{- fail "postgresql.url is set: set postgresql.password or postgresql.existingSecret" }}
{{- end }}
{{- if and .Values.adminToken.value (lt (len .Values.adminToken.value) 24) }}
{{- fail "adminToken.value must be at least 24 characters" }}
{{- end }}
{{- if and (include "vigil.clusterMode" .) (not .Values.adminToken.value) (not .Values.adminToken.existingSecret) }}
{{- fail "cluster mode (external PostgreSQL) needs an admin token: set adminToken.value (>= 24 characters) or adminToken.existingSecret. Only embedded mode generates one on first start." }}
{{- end }}
{{- if and .Values.persistence.enabled $scaled }}
{{- fail "persistence.enabled is for embedded mode (one replica); cluster mode keeps no state in the pod" }}
{{- end }}
{{- end }}
