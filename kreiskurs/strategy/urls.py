"""Back office of one district: /<slug>/verwaltung/…"""

from django.urls import path

from .views import elements, home, implementation, measures, registry, tasks, versions

app_name = "manage"

urlpatterns = [
    path("", elements.dashboard, name="dashboard"),
    path("aufgaben/", tasks.my_tasks, name="tasks"),
    path("anlegen/", home.create_strategy, name="create_strategy"),
    path("protokoll/", home.audit_log, name="audit_log"),
    path("leitbild/", elements.vision_edit, name="vision"),
    path("massnahmen/", measures.measure_list, name="measures"),
    path("umsetzung/", implementation.my_measures, name="my_measures"),
    path("umsetzung/<str:lineage>/bericht/", implementation.status_report, name="status_report"),
    path("umsetzung/<str:lineage>/aenderung/", implementation.implementation_change, name="implementation_change"),
    path("umsetzung/<str:lineage>/meilensteine/<int:pk>/", implementation.milestone_done, name="milestone_done"),
    path("massnahmen/neu/", measures.measure_edit, name="measure_create"),
    path("massnahmen/<int:pk>/", measures.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/loeschen/", measures.measure_delete, name="measure_delete"),
    path("abgleich/", registry.alignment_edit, name="alignment"),
    path("versionen/", versions.version_list, name="versions"),
    path("versionen/fortschreiben/", versions.start_revision, name="start_revision"),
    path("versionen/<int:pk>/beschliessen/", versions.adopt, name="adopt"),
    path("versionen/<int:pk>/beschluss/", versions.add_adoption, name="add_adoption"),
    path("versionen/<int:pk>/status/", versions.set_state, name="set_state"),
    path("register/<str:kind>/", registry.registry_list, name="registry"),
    path("register/<str:kind>/neu/", registry.registry_edit, name="registry_create"),
    path("register/<str:kind>/<int:pk>/", registry.registry_edit, name="registry_edit"),
    path("register/<str:kind>/<int:pk>/loeschen/", registry.registry_delete, name="registry_delete"),
    path("<str:kind>/", elements.element_list, name="elements"),
    path("<str:kind>/neu/", elements.element_edit, name="element_create"),
    path("<str:kind>/<int:pk>/", elements.element_edit, name="element_edit"),
    path("<str:kind>/<int:pk>/loeschen/", elements.element_delete, name="element_delete"),
]
